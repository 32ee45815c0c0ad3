#!/usr/bin/env bash
# Archive throughput (issue 14): builds the jar, then runs io.arktasksync.bench.ArchiveBenchmark, which serves N live
# videos of SIZE MB (plus their last frames) from the simulator's storage host on loopback, syncs the tasks into an
# empty database (not timed), and fetches the same links three ways: a plain `curl -o` loop, `xargs -P` curl with the
# archive's concurrency, and the jar's `archive` command (-Xmx256m, JVM start-up included) into a folder archive.
# Prints wall time, files/s and MB/s for each, with `uptime` before and after (the machine's load skews all rows).
#   src/bench/archive-throughput.sh [videos=200] [size_mb=8]      # needs curl and the PostgreSQL the tests use
#   BENCH_OPTS=-Dbench.concurrency=8 src/bench/archive-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v curl >/dev/null || { echo "curl is needed (apt-get install curl)"; exit 3; }
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "load before: $(uptime)"
# shellcheck disable=SC2086
java -Xmx1g ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.arktasksync.bench.ArchiveBenchmark "${1:-200}" "${2:-8}" target/ark-task-sync.jar
echo "load after: $(uptime)"

#!/usr/bin/env bash
# Full-sync benchmark (issue 5): builds the jar, then runs io.arktasksync.bench.FullSyncBenchmark, which syncs
# N simulated tasks (default 250000) with the real jar at -Xmx256m and measures the floor in the same run, plus the
# hand-written comparison src/bench/naive-curl-jq-psql.sh (curl, jq and psql needed; without them its row says so).
#   src/bench/benchmark.sh [tasks]        # needs the PostgreSQL the tests use (see README, "Tests")
#   BENCH_OPTS=-Dbench.naive= src/bench/benchmark.sh    # leave the script out
#   BENCH_OPTS="-Dbench.naive= -Dbench.jfr=target" src/bench/benchmark.sh 50000   # JFR of each run: target/run-N.jfr
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "load before: $(uptime)"
# shellcheck disable=SC2086
java -Xmx8g ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.arktasksync.bench.FullSyncBenchmark "${1:-250000}" target/ark-task-sync.jar
echo "load after: $(uptime)"

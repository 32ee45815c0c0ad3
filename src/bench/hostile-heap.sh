#!/usr/bin/env bash
# Peak heap under -Xmx256m for a full sync of N simulated tasks (default 250000) as they are, and with one hostile
# input each: a 64 MB item, a 300 MB page body, JSON broken mid-page (issue 19). Builds the jar, then runs
# io.arktasksync.bench.HostileHeapBenchmark; each case syncs into an empty database of its own.
#   src/bench/hostile-heap.sh [tasks]     # needs the PostgreSQL the tests use (see README, "Tests")
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.arktasksync.bench.HostileHeapBenchmark "${1:-250000}" target/ark-task-sync.jar

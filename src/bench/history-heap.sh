#!/usr/bin/env bash
# Peak heap under -Xmx256m of a full sync for an account whose database already holds a long history (default
# 3,000,000 tasks 10-400 days old) while the API lists a week (default 50,000). Builds the jar, then runs
# io.arktasksync.bench.HistoryHeapBenchmark with it and with any other jars given (e.g. an earlier release's), side
# by side on the same data.
#   src/bench/history-heap.sh [history] [listed] [other.jar ...]   # needs the PostgreSQL the tests use (README, "Tests")
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.arktasksync.bench.HistoryHeapBenchmark "${1:-3000000}" "${2:-50000}" target/ark-task-sync.jar "${@:3}"

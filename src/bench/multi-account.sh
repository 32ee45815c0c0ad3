#!/usr/bin/env bash
# Many accounts in one process (issue 10): runs io.arktasksync.bench.MultiAccountBenchmark, which syncs N simulated
# accounts (default 20) of T tasks each (default 2500) in one run, in full and incrementally at 1 request/s per
# account, at several ARK_ACCOUNT_CONCURRENCY values, and prints bytes per row of each table.
#   src/bench/multi-account.sh [accounts] [tasks]     # needs the PostgreSQL the tests use (see README, "Tests")
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "load before: $(uptime)"
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.arktasksync.bench.MultiAccountBenchmark "${1:-20}" "${2:-2500}"
echo "load after: $(uptime)"

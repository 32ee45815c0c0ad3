#!/usr/bin/env bash
# Up to which churn rate one run is complete (issue 12, part 1): io.arktasksync.job.reader.ChurnLimit, compiled with
# the Maven profile "bench". Counts, not timings: the machine's load does not change the figures.
#   src/bench/churn-limit.sh                          # 20,000 tasks, pages of 500, 2 seeds, the rates of the docs
#   src/bench/churn-limit.sh 20000 100 2 5 10 20 24 30
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -Pbench -DskipTests test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test
if [ "$#" -eq 0 ]; then
  set -- 20000 500 2 30 60 100 124 150
fi
java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" io.arktasksync.job.reader.ChurnLimit "$@"

#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (issue 5), in src/bench/java, compiled only with the Maven profile "bench":
#   io.arktasksync.client.PageMappingBenchmark        parse a 500-item page (TaskPageParser), map it (TaskMapper), both
#   io.arktasksync.persistence.StagingEncodeBenchmark encode a 500-task chunk as binary COPY rows (ChunkStaging), no DB
# One operation is one page / one chunk of 500 tasks. No database or network needed.
#   src/bench/jmh.sh                      # all benchmarks, with the GC profiler (allocation per page)
#   src/bench/jmh.sh PageMapping.parse    # JMH arguments replace the defaults (a regexp, -f 1 -wi 2 -i 3, -h for all)
# Prints JMH's own results table at the end; record `uptime` with the figures, the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -Pbench -DskipTests test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test
if [ "$#" -eq 0 ]; then
  set -- -prof gc
fi
echo "load before: $(uptime)"
java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main "$@"
echo "load after: $(uptime)"

package io.arktasksync.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The archive's meters, {@code ark.archive.*} ({@code ark_archive_*_total} in Prometheus), pushed with the run's
 * other metrics. No label: a link or its signature never reaches a metric.
 */
final class ArchiveMetrics {

    private final Counter files;

    private final Counter bytes;

    private final Counter expired;

    private final Counter failed;

    private final Counter seconds;

    ArchiveMetrics(MeterRegistry registry) {
        files = Counter.builder("ark.archive.files").description("Artifacts archived (copied and verified)")
            .register(registry);
        bytes = Counter.builder("ark.archive.bytes").baseUnit("bytes").description("Bytes of archived artifacts")
            .register(registry);
        expired = Counter.builder("ark.archive.expired")
            .description("Artifact links the storage host refused (expired before archiving)")
            .register(registry);
        failed = Counter.builder("ark.archive.failed")
            .description("Artifacts that failed every attempt (retried by a later run)")
            .register(registry);
        seconds = Counter.builder("ark.archive.seconds").description("Time spent archiving").register(registry);
    }

    void archived(long size) {
        files.increment();
        bytes.increment(size);
    }

    void expired() {
        expired.increment();
    }

    void failed() {
        failed.increment();
    }

    void ran(double secondsTaken) {
        seconds.increment(secondsTaken);
    }
}

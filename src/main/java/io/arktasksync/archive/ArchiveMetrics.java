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

    private final Counter givenUp;

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
        givenUp = Counter.builder("ark.archive.given.up")
            .description("Artifacts given up (ark.task_artifacts status given_up): never tried again, never archived")
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

    /** A link that failed every attempt of this run; given up when it will never be tried again. */
    void failed(boolean givenUp) {
        failed.increment();
        if (givenUp) {
            this.givenUp.increment();
        }
    }

    void ran(double secondsTaken) {
        seconds.increment(secondsTaken);
    }
}

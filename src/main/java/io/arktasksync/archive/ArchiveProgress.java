package io.arktasksync.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts of an archive pass, kept by its download threads, and a progress line every {@code progressEvery}, written
 * by the thread that hands out the links (only it calls {@link #maybeLog}).
 */
final class ArchiveProgress {

    /** Under the pass's name: its lines read as one log. */
    private static final Logger log = LoggerFactory.getLogger(ArchiveRun.class);

    final AtomicInteger files = new AtomicInteger();

    final AtomicLong bytes = new AtomicLong();

    final AtomicLong received = new AtomicLong();

    final AtomicInteger expired = new AtomicInteger();

    final AtomicInteger failed = new AtomicInteger();

    private final Clock clock;

    private final Instant start;

    private final Duration progressEvery;

    private Instant lastLine;

    ArchiveProgress(Clock clock, Instant start, Duration progressEvery) {
        this.clock = clock;
        this.start = start;
        this.progressEvery = progressEvery;
        this.lastLine = start;
    }

    void maybeLog() {
        Instant now = clock.instant();
        if (progressEvery.isZero() || Duration.between(lastLine, now).compareTo(progressEvery) < 0) {
            return;
        }
        lastLine = now;
        double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
        log.info("Archive progress: {} files archived ({}), {} expired, {} failed, {}/s received", files.get(),
                size(bytes.get()), expired.get(), failed.get(), size((long) (received.get() / seconds)));
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}

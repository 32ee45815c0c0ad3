package io.arktasksync.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.arktasksync.job.reader.PageProgress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line every {@code everyPages} pages: pages done of the estimate (the configured listings' totals), tasks
 * per second and the time left at that rate. A long full run is then visible in any log shipper, not only on a
 * terminal. Used from the reader's thread only.
 */
final class ProgressLog implements PageProgress {

    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    private final SyncRunStatistics statistics;

    private final int pageSize;

    private final int everyPages;

    private final Clock clock;

    private final Instant start;

    ProgressLog(SyncRunStatistics statistics, int pageSize, int everyPages, Clock clock) {
        this.statistics = statistics;
        this.pageSize = pageSize;
        this.everyPages = everyPages;
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public void pageRead() {
        long pages = statistics.pages();
        if (everyPages <= 0 || pages % everyPages != 0) {
            return;
        }
        long items = statistics.itemsRead();
        double seconds = Math.max(0.001, Duration.between(start, clock.instant()).toMillis() / 1000.0);
        double tasksPerSecond = items / seconds;
        Long total = statistics.apiTotal();
        if (total == null || total <= 0) {
            log.info("Progress: {} pages, {} tasks read, {} tasks/s", pages, items, Math.round(tasksPerSecond));
            return;
        }
        long estimatedPages = Math.max(pages, (total + pageSize - 1) / pageSize);
        long left = Math.max(0, total - items);
        log.info("Progress: {} of ~{} pages, {} tasks read, {} tasks/s, about {} s left", pages, estimatedPages, items,
                Math.round(tasksPerSecond), Math.round(left / Math.max(1.0, tasksPerSecond)));
    }
}

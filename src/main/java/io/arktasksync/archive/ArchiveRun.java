package io.arktasksync.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One archive pass over an account's stored tasks: every output link without a copy (or whose earlier runs failed
 * fewer than {@code maxRuns} times) is fetched, verified, stored and recorded, {@code concurrency} at a time. Links
 * whose 24 h are still running go first, the closest to dying first; then the older ones, once each, most recent
 * first (most are dead and recorded as expired).
 * <p>
 * Reads the links in keyset pages, so memory does not grow with the number of tasks; each download streams into a
 * spool file. An artifact is recorded archived only after its copy is complete under its final name, and only while
 * the run still holds its lock.
 */
final class ArchiveRun {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRun.class);

    /** The API's links die this long after the task finished. */
    static final Duration LINK_LIFETIME = Duration.ofHours(24);

    private final ArtifactDao dao;

    private final ArchiveStore store;

    private final ArtifactFetcher fetcher;

    private final ArchiveMetrics metrics;

    private final int concurrency;

    private final int maxRuns;

    private final Clock clock;

    private final Duration progressEvery;

    ArchiveRun(ArtifactDao dao, ArchiveStore store, ArtifactFetcher fetcher, ArchiveMetrics metrics, int concurrency,
            int maxRuns, Clock clock, Duration progressEvery) {
        this.dao = dao;
        this.store = store;
        this.fetcher = fetcher;
        this.metrics = metrics;
        this.concurrency = concurrency;
        this.maxRuns = maxRuns;
        this.clock = clock;
        this.progressEvery = progressEvery;
    }

    /**
     * @param lockCheck throws when the run lost its lock: nothing is recorded after that
     * @param stopRequested polled between artifacts and while downloading; true ends the pass early, downloads in
     *        flight abandoned unrecorded (the next run fetches them)
     */
    ArchiveSummary archive(String account, Runnable lockCheck, BooleanSupplier stopRequested)
            throws InterruptedException {
        Instant start = clock.instant();
        ArchiveProgress progress = new ArchiveProgress(clock, start, progressEvery);
        log.info("Archiving the outputs of account {} into {} ({} at a time)", account, store.describe(), concurrency);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "archive-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Semaphore slots = new Semaphore(concurrency * 2);
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        boolean stopped = false;
        try {
            OffsetDateTime cutoff = OffsetDateTime.ofInstant(start.minus(LINK_LIFETIME), ZoneOffset.UTC);
            ArtifactPager pager = new ArtifactPager(dao, account, maxRuns, cutoff);
            for (List<ArtifactLink> page = pager.next(); !page.isEmpty(); page = pager.next()) {
                for (ArtifactLink link : page) {
                    if (stopRequested.getAsBoolean() || fatal.get() != null) {
                        stopped = true;
                        break;
                    }
                    slots.acquire();
                    workers.execute(() -> {
                        try {
                            archiveOne(link, lockCheck, progress, stopRequested);
                        }
                        catch (RuntimeException e) {
                            fatal.compareAndSet(null, e);
                        }
                        finally {
                            slots.release();
                        }
                    });
                    progress.maybeLog();
                }
                if (stopped) {
                    break;
                }
            }
        }
        finally {
            workers.shutdown();
            while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                progress.maybeLog();
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        // a stop noticed only by the downloads in flight abandoned them: the pass is not complete
        stopped = stopped || stopRequested.getAsBoolean();
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        metrics.ran(seconds);
        ArchiveSummary summary = new ArchiveSummary(progress.files.get(), progress.bytes.get(),
                progress.expired.get(), progress.failed.get(), seconds, stopped);
        log.info("Archive {}: {} files archived ({}), {} expired, {} failed, in {} s{}", stopped ? "stopped" : "done",
                summary.files(), ArchiveProgress.size(summary.bytes()), summary.expired(), summary.failed(),
                Math.round(seconds), summary.failed() > 0 ? "; the failed ones are retried by the next run" : "");
        return summary;
    }

    private void archiveOne(ArtifactLink link, Runnable lockCheck, ArchiveProgress progress,
            BooleanSupplier stopRequested) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Path spool = null;
        try {
            spool = store.newSpoolFile();
            FetchOutcome outcome = fetcher.fetch(link, spool, progress.received::addAndGet, stopRequested);
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                Download download = fetched.download();
                String location = store.commit(spool, link.objectName(), download);
                lockCheck.run();
                dao.archived(link.taskId(), link.kind(), link.account(), download.sha256(), download.size(),
                        download.contentType(), location, OffsetDateTime.now(clock));
                metrics.archived(download.size());
                progress.files.incrementAndGet();
                progress.bytes.addAndGet(download.size());
            }
            else if (outcome instanceof FetchOutcome.Expired expired) {
                lockCheck.run();
                dao.notArchived(link.taskId(), link.kind(), link.account(), "expired", expired.reason(), now);
                metrics.expired();
                progress.expired.incrementAndGet();
            }
            else if (outcome instanceof FetchOutcome.Failed failed) {
                recordFailure(link, failed.reason(), lockCheck, progress, now);
            }
        }
        catch (IOException e) {
            // the archive itself refused (disk full, bucket missing, credentials): the artifact is tried again later
            recordFailure(link, "archive: " + ArtifactFetcher.redacted(e, link), lockCheck, progress, now);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            deleteQuietly(spool);
        }
    }

    private void recordFailure(ArtifactLink link, String reason, Runnable lockCheck, ArchiveProgress progress,
            OffsetDateTime now) {
        log.warn("Could not archive the {} of task {} ({}): {}", link.kind(), link.taskId(), link.forLog(), reason);
        lockCheck.run();
        dao.notArchived(link.taskId(), link.kind(), link.account(), "failed", reason, now);
        metrics.failed();
        progress.failed.incrementAndGet();
    }

    private static void deleteQuietly(Path spool) {
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            }
            catch (IOException e) {
                log.warn("Could not delete the spool file {}: {}", spool, e.toString());
            }
        }
    }
}

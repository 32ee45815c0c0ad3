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

import io.arktasksync.lock.RunLockLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One archive pass over an account's stored tasks: every output link without a row (or failed, fewer than
 * {@code maxRuns} runs, and due for its next try) is fetched, verified, stored and recorded, {@code concurrency} at a
 * time. Whatever happens to one link ends as its row ({@link #archiveOne}): the pass goes on. Links
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

    private static final Duration FIRST_RETRY = Duration.ofMinutes(10);

    private static final Duration LAST_RETRY = Duration.ofHours(6);

    private static final int MAX_REASON = 500;

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
     * @param waitForNextTry whether a failed link waits for its {@code next_attempt_at} (a sync's pass); the
     *        {@code archive} command, which an operator runs to catch up, tries every failed link not given up
     */
    ArchiveSummary archive(String account, Runnable lockCheck, BooleanSupplier stopRequested, boolean waitForNextTry)
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
            ArtifactPager pager = new ArtifactPager(dao, account, maxRuns, cutoff,
                    waitForNextTry ? OffsetDateTime.ofInstant(start, ZoneOffset.UTC) : null);
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
                Math.round(seconds),
                summary.failed() > 0 ? "; ark.task_artifacts says when each is tried again, or why given up" : "");
        return summary;
    }

    /**
     * Whatever happens to this one link ends as a row against it: a copy, expired, failed with its next try, or given
     * up. Only a lost run lock, or a database that refuses even the failure's row, ends the pass (thrown).
     */
    private void archiveOne(ArtifactLink link, Runnable lockCheck, ArchiveProgress progress,
            BooleanSupplier stopRequested) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Path spool = null;
        try {
            spool = store.newSpoolFile();
            FetchOutcome outcome = fetcher.fetch(link, spool, progress.received::addAndGet, stopRequested);
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                Download download = fetched.download();
                String location = store.commit(spool, link.objectName(download.contentType()), download);
                lockCheck.run();
                dao.archived(link.taskId(), link.kind(), link.account(), download.sha256(), download.size(),
                        download.contentType(), location, OffsetDateTime.now(clock));
                metrics.archived(download.size());
                progress.files.incrementAndGet();
                progress.bytes.addAndGet(download.size());
            }
            else if (outcome instanceof FetchOutcome.Expired expired) {
                lockCheck.run();
                dao.notArchived(link.taskId(), link.kind(), link.account(), "expired", printable(expired.reason()),
                        now, null);
                metrics.expired();
                progress.expired.incrementAndGet();
            }
            else if (outcome instanceof FetchOutcome.Failed failed) {
                recordFailure(link, failed.reason(), false, lockCheck, progress, now);
            }
            else if (outcome instanceof FetchOutcome.GivenUp givenUp) {
                recordFailure(link, givenUp.reason(), true, lockCheck, progress, now);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RunLockLostException e) {
            throw e;
        }
        catch (IOException e) {
            // the archive itself refused (disk full, bucket missing, credentials): the artifact is tried again later
            recordFailure(link, "archive: " + ArtifactFetcher.redacted(e, link), false, lockCheck, progress, now);
        }
        catch (RuntimeException e) {
            // anything else this one link brought about (a JDK refusing its port, a value the database refused)
            recordFailure(link, "unexpected: " + ArtifactFetcher.redacted(e, link), false, lockCheck, progress, now);
        }
        finally {
            deleteQuietly(spool);
        }
    }

    /**
     * Records a failed run of a link: failed, with a next try that moves further out after each failed run
     * ({@link #nextTry}); or given up, with its reason, when it can never succeed or this was its {@code maxRuns}th
     * failed run.
     */
    private void recordFailure(ArtifactLink link, String reason, boolean hopeless, Runnable lockCheck,
            ArchiveProgress progress, OffsetDateTime now) {
        int run = link.runs() + 1;
        boolean giveUp = hopeless || run >= maxRuns;
        String recorded = printable(hopeless || !giveUp ? reason : "given up after " + run + " runs: " + reason);
        OffsetDateTime next = giveUp ? null : now.plus(nextTry(run));
        log.warn("Could not archive the {} of task {} ({}): {}{}", link.kind(), link.taskId(), link.forLog(), recorded,
                giveUp ? "; given up" : "; next try after " + next);
        lockCheck.run();
        dao.notArchived(link.taskId(), link.kind(), link.account(), giveUp ? "given_up" : "failed", recorded, now,
                next);
        metrics.failed(giveUp);
        progress.failed.incrementAndGet();
    }

    /** How long a sync waits to try a link again after its {@code run}th failed run: 10 min, doubling, 6 h at most. */
    static Duration nextTry(int run) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(run - 1, 10));
        return wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait;
    }

    /**
     * A reason as the database takes it: control characters (a NUL in a header, which PostgreSQL refuses in text)
     * become spaces, and it is cut to {@value #MAX_REASON} characters.
     */
    static String printable(String reason) {
        String text = reason == null ? "" : reason.replaceAll("\\p{Cntrl}", " ");
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
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

package io.arktasksync.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIGTERM shutdown hook of one run: asks the sync to stop at the next chunk boundary, then holds the JVM until
 * the run has finished, at most for the grace period.
 * <p>
 * The JVM halts as soon as its shutdown hooks return, whatever the main thread is doing. Spring Batch records a
 * stopped execution as STOPPED <em>before</em> the job listener writes {@code ark.sync_runs}, so a hook that returned
 * early would leave the two disagreeing. Hence the hook waits for {@code finished} (counted down once the run has
 * recorded its outcome) however the stop request went: it can fail (a concurrent update of the execution, an
 * optimistic locking failure), or find no execution yet (the run was still starting), in which case it is repeated.
 */
final class GracefulStop implements Runnable {

    /** How often a stop request that failed or found nothing to stop is repeated. */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final StopRequest stopRequest;

    private final CountDownLatch finished;

    private final Duration gracePeriod;

    /**
     * @param finished counted down once the run has recorded how it ended
     */
    GracefulStop(StopRequest stopRequest, CountDownLatch finished, Duration gracePeriod) {
        this.stopRequest = stopRequest;
        this.finished = finished;
        this.gracePeriod = gracePeriod;
    }

    @Override
    public void run() {
        log.warn("Termination requested: stopping the sync at the next chunk boundary (grace period {} s)",
                gracePeriod.toSeconds());
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        boolean stopRequested = requestStop();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.error("The sync did not stop within {} s; exiting anyway, the next run recovers it",
                            gracePeriod.toSeconds());
                    return;
                }
                long wait = stopRequested ? left : Math.min(left, RETRY_INTERVAL.toNanos());
                if (finished.await(wait, TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (!stopRequested) {
                    stopRequested = requestStop();
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the running sync was asked to stop (or already stops) */
    private boolean requestStop() {
        try {
            return stopRequest.stopRunningSyncs() > 0;
        }
        catch (RuntimeException e) {
            log.warn("Could not ask the sync to stop yet ({}); trying again while waiting for it", e.getMessage());
            return false;
        }
    }

    /** Asks every running sync execution to stop at its next chunk boundary. */
    @FunctionalInterface
    interface StopRequest {

        /** @return how many executions were running (and are now stopping) */
        int stopRunningSyncs();
    }
}

package io.arktasksync.archive;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cuts one request when its link's time is up: a read timeout never fires on a host that sends a byte every few
 * seconds, and a connection waiting for headers is not watched by anything else. At the deadline the connection is
 * disconnected from a timer thread, which makes the blocked read fail at once; {@link #passed} then tells that
 * failure from any other.
 */
final class DownloadDeadline implements AutoCloseable {

    /** One daemon timer thread for every download: its tasks only close sockets. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean passed = new AtomicBoolean();

    private final ScheduledFuture<?> cut;

    DownloadDeadline(HttpURLConnection connection, Duration remaining) {
        cut = TIMER.schedule(() -> {
            passed.set(true);
            connection.disconnect();
        }, Math.max(0, remaining.toNanos()), TimeUnit.NANOSECONDS);
    }

    boolean passed() {
        return passed.get();
    }

    @Override
    public void close() {
        cut.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "archive-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}

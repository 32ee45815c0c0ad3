package io.arktasksync.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.arktasksync.job.RunLockGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps the run honest about its lock. The lock's session can end while the process lives on (pg_terminate_backend,
 * a failover, a proxy or firewall dropping an idle connection); the pool quietly reconnects everything else, so
 * without a check the run would write on unprotected while a second run, finding the lock free, writes beside it.
 * <p>
 * Two checks: {@link #ensureHeld()} at every chunk boundary, before the chunk commits (the job calls it), and a
 * periodic one in the background, which notices a loss while the run waits on the API and keeps the lock's
 * connection from looking idle. Once lost, the lock stays lost for the run: every later check fails at once.
 * <p>
 * Each account has its own lock ({@link DatabaseRunLock}), and one process may run several accounts at a time: one
 * watch per account.
 */
@Component
public class RunLockWatchdog implements RunLockGuard {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RunLockWatchdog.class);

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** Starts watching the lock a run of the account {@code default} holds, until the returned watch is closed. */
    Watch watch(DatabaseRunLock heldLock) {
        return watch(DatabaseRunLock.DEFAULT_ACCOUNT, heldLock);
    }

    /** Starts watching the lock this account's run holds, until the returned watch is closed. */
    synchronized Watch watch(String account, DatabaseRunLock heldLock) {
        if (watches.containsKey(account)) {
            throw new IllegalStateException("a run lock of account " + account + " is already being watched");
        }
        Watch watch = new Watch(account, heldLock);
        watches.put(account, watch);
        return watch;
    }

    /** {@link #ensureHeld(String)} for the account {@code default}. */
    public void ensureHeld() {
        ensureHeld(DatabaseRunLock.DEFAULT_ACCOUNT);
    }

    /**
     * @throws RunLockLostException when the account's run no longer holds its lock; the caller must not commit
     * @throws IllegalStateException when no lock of the account is watched: the sync only ever writes under the lock
     */
    @Override
    public void ensureHeld(String account) {
        Watch watch = watches.get(account);
        if (watch == null) {
            throw new IllegalStateException("the sync writes only while it holds the run lock, and none is held");
        }
        String reason = watch.check();
        if (reason != null) {
            throw new RunLockLostException("Lost the run lock: " + reason + ". Stopped before committing another "
                    + "chunk, since another run may hold the lock now; the next run resumes this one");
        }
    }

    /** One run's watch over its lock. */
    final class Watch implements AutoCloseable {

        private final String account;

        private final DatabaseRunLock lock;

        private final ScheduledExecutorService timer;

        private volatile boolean closed;

        /** Why the lock was found lost, or null while it is held. */
        private volatile String lost;

        private Watch(String account, DatabaseRunLock lock) {
            this.account = account;
            this.lock = lock;
            this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "run-lock-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** @return why the lock is lost, or null while it is held (or once the watch is closed) */
        String check() {
            if (closed) {
                return null;
            }
            if (lost == null) {
                String reason = lock.checkHeld();
                // The run may have released the lock in the meantime: that is the end of the run, not a loss.
                if (reason != null && !closed) {
                    reportLost(reason);
                }
            }
            return lost;
        }

        private synchronized void reportLost(String reason) {
            if (lost == null) {
                lost = reason;
                log.error("Lost the run lock: {}. This run stops before committing another chunk; another run may "
                        + "hold the lock now", reason);
            }
        }

        @Override
        public void close() {
            closed = true;
            timer.shutdownNow();
            synchronized (RunLockWatchdog.this) {
                watches.remove(account, this);
            }
        }
    }
}

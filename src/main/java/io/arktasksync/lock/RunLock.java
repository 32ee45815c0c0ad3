package io.arktasksync.lock;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The run lock: one run at a time works on an account's data in a database (a sync, or a command such as
 * {@code archive}), and a run that lost its lock stops before it commits anything more.
 * <p>
 * {@link #tryHold(String)} is the one way to take it: it takes the account's {@link DatabaseRunLock} and starts
 * watching it until the returned {@link Held} is closed. The lock's session can end while the process lives on
 * (pg_terminate_backend, a failover, a proxy or firewall dropping an idle connection); the pool quietly reconnects
 * everything else, so without a watch the run would write on unprotected while a second run, finding the lock free,
 * writes beside it.
 * <p>
 * Two checks: {@link #ensureHeld(String)} before every commit of the run's writes (at each chunk boundary,
 * {@link RunLockCheck}), and a periodic one in the background, which notices a loss while the run waits on the API
 * and keeps the lock's connection from looking idle. Once lost, the lock stays lost for the run: every later check
 * fails at once.
 * <p>
 * Each account has its own lock, and one process may run several accounts at a time: one watch per account.
 */
@Component
public class RunLock {

    /** The account whose lock older versions took for every account (see {@link DatabaseRunLock#LOCK_KEY}). */
    public static final String DEFAULT_ACCOUNT = "default";

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final Jdbi jdbi;

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public RunLock(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Takes the account's lock and watches it until the returned {@link Held} is closed, which releases it.
     *
     * @param account whose lock the run takes: the account whose data it touches
     * @return the held lock, or null when another session holds it (the caller leaves without doing anything)
     */
    public Held tryHold(String account) {
        DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi, account);
        if (lock == null) {
            return null;
        }
        try {
            return watch(account, lock);
        }
        catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private synchronized Held watch(String account, DatabaseRunLock lock) {
        if (held.containsKey(account)) {
            throw new IllegalStateException("a run lock of account " + account + " is already being watched");
        }
        Held watch = new Held(account, lock);
        held.put(account, watch);
        return watch;
    }

    /**
     * @throws RunLockLostException when the account's run no longer holds its lock; the caller must not commit
     * @throws IllegalStateException when no lock of the account is held here: the run only ever writes under it
     */
    public void ensureHeld(String account) {
        Held watch = held.get(account);
        if (watch == null) {
            throw new IllegalStateException("the sync writes only while it holds the run lock, and none is held");
        }
        String reason = watch.check();
        if (reason != null) {
            throw new RunLockLostException("Lost the run lock: " + reason + ". Stopped before committing another "
                    + "chunk, since another run may hold the lock now; the next run resumes this one");
        }
    }

    /** One run's lock, watched while it is held; closing it ends the watch, then releases the lock. */
    public final class Held implements AutoCloseable {

        private final String account;

        private final DatabaseRunLock lock;

        private final ScheduledExecutorService timer;

        private volatile boolean closed;

        /** Why the lock was found lost, or null while it is held. */
        private volatile String lost;

        private Held(String account, DatabaseRunLock lock) {
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

        /** @return why the lock is lost, or null while it is held (or once it is closed) */
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

        /** Ends the watch first, so that the release is not taken for a loss, then releases the lock. */
        @Override
        public void close() {
            closed = true;
            timer.shutdownNow();
            synchronized (RunLock.this) {
                held.remove(account, this);
            }
            lock.close();
        }
    }
}

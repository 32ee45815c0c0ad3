package io.arktasksync.run;

import java.sql.SQLException;
import java.time.Duration;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL session-level advisory lock that lets one sync at a time work on a database. Overlapping cron runs,
 * or a manual run during the scheduled one, find it taken and leave. The lock lives on one connection held for
 * the whole run; if the process dies, PostgreSQL ends the session and the lock with it. The session can also end
 * while the process lives on (pg_terminate_backend, a failover, a proxy dropping an idle connection): then
 * {@link #checkHeld()} says so, and {@link RunLockWatchdog} stops the run before another can start beside it.
 * <p>
 * The connection is not thread-safe, and the watchdog checks from its own thread: every use is synchronized.
 */
final class DatabaseRunLock implements AutoCloseable {

    /** "ARKSYNC" in ASCII; any constant works as long as every version of the job uses the same one. */
    static final long LOCK_KEY = 0x41524B53594E43L;

    /**
     * Bound on one answer on the lock's connection. A connection that went silent (a dropped route, a failover that
     * moved the address, a firewall forgetting an idle connection) would otherwise hold a check, and the chunk
     * waiting on it, until TCP gives up many minutes later; after this the lock counts as lost.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Handle handle;

    private DatabaseRunLock(Handle handle) {
        this.handle = handle;
    }

    /** @return the held lock, or null when another session holds it */
    static DatabaseRunLock tryAcquire(Jdbi jdbi) {
        Handle handle = jdbi.open();
        try {
            boolean acquired = handle.createQuery("SELECT pg_try_advisory_lock(:key)")
                .bind("key", LOCK_KEY)
                .mapTo(Boolean.class)
                .one();
            if (acquired) {
                return boundAnswerTime(new DatabaseRunLock(handle));
            }
        }
        catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        handle.close();
        return null;
    }

    private static DatabaseRunLock boundAnswerTime(DatabaseRunLock lock) {
        try {
            lock.handle.getConnection().setNetworkTimeout(Runnable::run, (int) ANSWER_TIMEOUT.toMillis());
            return lock;
        }
        catch (SQLException e) {
            lock.close();
            throw new IllegalStateException("Could not bound the answer time of the run lock's connection", e);
        }
    }

    /**
     * Asks the lock's own session whether it still holds the lock. A session the server ended answers with an error
     * (the pool never swaps the connection of a handle in use), so any failure means the lock is gone.
     *
     * @return null while the lock is held, otherwise why it is not
     */
    synchronized String checkHeld() {
        try {
            // pg_locks shows a bigint advisory key split into classid (high half) and objid (low half), objsubid 1.
            boolean held = handle.createQuery("""
                    SELECT count(*) > 0 FROM pg_locks
                    WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND objsubid = 1
                      AND ((classid::bigint << 32) | objid::bigint) = :key
                    """).bind("key", LOCK_KEY).mapTo(Boolean.class).one();
            return held ? null : "its session no longer holds the advisory lock";
        }
        catch (RuntimeException e) {
            return "the session that held it is gone (" + rootMessage(e) + ")";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public synchronized void close() {
        try {
            // The pool keeps the session open after close(), so the lock must be released explicitly.
            handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
        }
        catch (RuntimeException sessionGone) {
            // The connection broke, and the server released the lock with the session: nothing left to undo.
        }
        finally {
            try {
                handle.close();
            }
            catch (RuntimeException alsoGone) {
                // Closing a broken connection fails too; the run's own outcome is what must be reported.
            }
        }
    }
}

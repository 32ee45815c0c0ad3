package io.arktasksync.lock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL session-level advisory lock that lets one sync at a time work on one account's data in a database:
 * runs of different accounts never touch each other's rows, so each account has its own lock. Overlapping cron runs
 * of an account, or a manual run during the scheduled one, find it taken and leave. The lock lives on one connection held for
 * the whole run; if the process dies, PostgreSQL ends the session and the lock with it. The session can also end
 * while the process lives on (pg_terminate_backend, a failover, a proxy dropping an idle connection): then
 * {@link #checkHeld()} says so, and {@link RunLock} stops the run before another can start beside it.
 * <p>
 * The connection is not thread-safe, and the watchdog checks from its own thread: every use is synchronized.
 */
final class DatabaseRunLock implements AutoCloseable {

    /**
     * The lock of the account {@code default}: "ARKSYNC" in ASCII. Versions before per-account locks took it for
     * every account, so a run of {@code default} still excludes such an older process.
     */
    static final long LOCK_KEY = 0x41524B53594E43L;

    /**
     * Bound on one answer on the lock's connection. A connection that went silent (a dropped route, a failover that
     * moved the address, a firewall forgetting an idle connection) would otherwise hold a check, and the chunk
     * waiting on it, until TCP gives up many minutes later; after this the lock counts as lost.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Handle handle;

    private final long key;

    private DatabaseRunLock(Handle handle, long key) {
        this.handle = handle;
        this.key = key;
    }

    /** @return the held lock of this account, or null when another session holds it */
    static DatabaseRunLock tryAcquire(Jdbi jdbi, String account) {
        long key = keyOf(account);
        Handle handle = jdbi.open();
        try {
            boolean acquired = handle.createQuery("SELECT pg_try_advisory_lock(:key)")
                .bind("key", key)
                .mapTo(Boolean.class)
                .one();
            if (acquired) {
                return boundAnswerTime(new DatabaseRunLock(handle, key));
            }
        }
        catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        handle.close();
        return null;
    }

    /**
     * The advisory lock key of an account: {@link #LOCK_KEY} for {@code default}, otherwise 64 bits of the SHA-256
     * of its name (two accounts sharing a key would only exclude each other, never write unprotected).
     */
    static long keyOf(String account) {
        if (RunLock.DEFAULT_ACCOUNT.equals(account)) {
            return LOCK_KEY;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("ark-task-sync account " + account).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
                    """).bind("key", key).mapTo(Boolean.class).one();
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
            handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", key).mapTo(Boolean.class).one();
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

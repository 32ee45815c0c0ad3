package io.arktasksync.run;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL session-level advisory lock that lets one sync at a time work on a database. Overlapping cron runs,
 * or a manual run during the scheduled one, find it taken and leave. The lock lives on one connection held for
 * the whole run; if the process dies, PostgreSQL ends the session and the lock with it.
 */
final class DatabaseRunLock implements AutoCloseable {

    /** "ARKSYNC" in ASCII; any constant works as long as every version of the job uses the same one. */
    static final long LOCK_KEY = 0x41524B53594E43L;

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
                return new DatabaseRunLock(handle);
            }
        }
        catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        handle.close();
        return null;
    }

    @Override
    public void close() {
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

package io.arktasksync.embedded;

import java.nio.file.Path;

/** The embedded PostgreSQL could not be started; the message says why and what to do, on one line. */
public class EmbeddedDatabaseException extends RuntimeException {

    private final boolean busy;

    public EmbeddedDatabaseException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private EmbeddedDatabaseException(String message, Throwable cause, boolean busy) {
        super(message, cause);
        this.busy = busy;
    }

    static EmbeddedDatabaseException busy(Path data) {
        return new EmbeddedDatabaseException("Another ark-task-sync process uses the embedded PostgreSQL in " + data
                + "; exiting without doing anything", null, true);
    }

    /** Whether another process of ours runs the server on the same data: for a sync, the run lock's exit code. */
    public boolean busy() {
        return busy;
    }
}

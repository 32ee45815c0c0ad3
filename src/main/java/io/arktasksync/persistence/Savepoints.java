package io.arktasksync.persistence;

import org.jdbi.v3.core.Jdbi;

/**
 * One named savepoint in the current (chunk) transaction, so that part of a chunk's work can be undone without
 * losing the rest. Not re-entrant: set, then release or roll back, before setting it again.
 */
public class Savepoints {

    private static final String NAME = "chunk_write";

    private final Jdbi jdbi;

    public Savepoints(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void set() {
        jdbi.useHandle(handle -> handle.execute("SAVEPOINT " + NAME));
    }

    public void release() {
        jdbi.useHandle(handle -> handle.execute("RELEASE SAVEPOINT " + NAME));
    }

    public void rollback() {
        jdbi.useHandle(handle -> handle.execute("ROLLBACK TO SAVEPOINT " + NAME));
    }
}

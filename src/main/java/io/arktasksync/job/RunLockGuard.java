package io.arktasksync.job;

/**
 * The run's database lock as the job sees it: checked before a chunk commits and before the one write after the
 * last chunk. The run package holds the lock and implements this, so that the job need not know the run.
 */
public interface RunLockGuard {

    /**
     * @throws RuntimeException when the run no longer holds its lock (the run's {@code RunLockLostException}); the
     *         caller must not commit
     */
    void ensureHeld();
}

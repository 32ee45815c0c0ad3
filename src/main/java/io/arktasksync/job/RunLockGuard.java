package io.arktasksync.job;

/**
 * The run's database lock as the job sees it: checked before a chunk commits and before the one write after the
 * last chunk. The run package holds the lock and implements this, so that the job need not know the run.
 */
public interface RunLockGuard {

    /**
     * @param account the run's account: each account has its own lock, and a process may run several accounts
     * @throws RuntimeException when the account's run no longer holds its lock (the run's
     *         {@code RunLockLostException}); the caller must not commit
     */
    void ensureHeld(String account);
}

package io.arktasksync.lock;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Checks the run lock after each chunk is written and before its transaction commits: a run that lost its lock
 * (another run may hold it now) fails here, its chunk rolls back, and nothing it wrote after the loss was noticed
 * becomes visible. The failed step is resumed from this chunk by the next run.
 *
 * @param <T> the step's written items (the check does not look at them)
 */
public class RunLockCheck<T> implements ItemWriteListener<T> {

    private final RunLock runLock;

    private final String account;

    /** @param account whose lock the run holds */
    public RunLockCheck(RunLock runLock, String account) {
        this.runLock = runLock;
        this.account = account;
    }

    @Override
    public void afterWrite(Chunk<? extends T> items) {
        runLock.ensureHeld(account);
    }
}

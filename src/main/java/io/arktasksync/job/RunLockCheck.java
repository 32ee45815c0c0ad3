package io.arktasksync.job;

import io.arktasksync.mapping.MappingResult;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Checks the run lock after each chunk is written and before its transaction commits: a run that lost its lock
 * (another run may hold it now) fails here, its chunk rolls back, and nothing it wrote after the loss was noticed
 * becomes visible. The failed step is resumed from this chunk by the next run.
 */
public class RunLockCheck implements ItemWriteListener<MappingResult> {

    private final RunLockGuard watchdog;

    private final String account;

    /** @param account whose lock the run holds */
    public RunLockCheck(RunLockGuard watchdog, String account) {
        this.watchdog = watchdog;
        this.account = account;
    }

    @Override
    public void afterWrite(Chunk<? extends MappingResult> items) {
        watchdog.ensureHeld(account);
    }
}

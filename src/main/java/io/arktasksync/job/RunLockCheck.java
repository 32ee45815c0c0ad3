package io.arktasksync.job;

import java.util.function.BooleanSupplier;

import io.arktasksync.mapping.MappingResult;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Checks the run lock after each chunk is written and before its transaction commits: a run that lost its lock
 * (another run may hold it now) fails here, its chunk rolls back, and nothing it wrote after the loss was noticed
 * becomes visible. The failed step is resumed from this chunk by the next run. A chunk that wrote nothing (a full
 * re-run over unchanged tasks is mostly such chunks) has nothing to hide: it is checked against what the background
 * check already knows, without a round trip to the database.
 */
public class RunLockCheck implements ItemWriteListener<MappingResult> {

    private final RunLockGuard watchdog;

    private final String account;

    private final BooleanSupplier chunkWrote;

    /**
     * @param account whose lock the run holds
     * @param chunkWrote whether the chunk just written changed anything in the database
     */
    public RunLockCheck(RunLockGuard watchdog, String account, BooleanSupplier chunkWrote) {
        this.watchdog = watchdog;
        this.account = account;
        this.chunkWrote = chunkWrote;
    }

    @Override
    public void afterWrite(Chunk<? extends MappingResult> items) {
        if (chunkWrote.getAsBoolean()) {
            watchdog.ensureHeld(account);
        }
        else {
            watchdog.ensureNotKnownLost(account);
        }
    }
}

package io.arktasksync.job;

import io.arktasksync.job.plan.SyncMode;

/**
 * Every test of {@link UnchangedSkipIT} with the writer of a full run, which reads the account's stored hashes once
 * at its first chunk and decides in memory instead of asking per chunk: the same guarantees must hold.
 */
class UnchangedSkipFullRunIT extends UnchangedSkipIT {

    @Override
    SyncMode mode() {
        return SyncMode.FULL;
    }
}

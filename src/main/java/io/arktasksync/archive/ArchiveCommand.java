package io.arktasksync.archive;

import io.arktasksync.run.ExitCode;
import io.arktasksync.run.LockedCommand;
import io.arktasksync.run.RunLockWatchdog;

/**
 * {@code archive}: archives what the database already holds, without listing the API (to catch up, or after
 * changing ARK_ARCHIVE_URL). Under the run lock, like a sync. Exit 0 when every link was archived or found expired,
 * 1 when some failed (the next run or sync tries them again), 5 when another run holds the lock.
 */
public final class ArchiveCommand {

    private final ArchiveRun run;

    private final String account;

    private final LockedCommand lockedCommand;

    private final RunLockWatchdog watchdog;

    ArchiveCommand(ArchiveRun run, String account, LockedCommand lockedCommand, RunLockWatchdog watchdog) {
        this.run = run;
        this.account = account;
        this.lockedCommand = lockedCommand;
        this.watchdog = watchdog;
    }

    /** @return the exit code */
    public int run() throws Exception {
        return lockedCommand.run("archive", account, () -> {
            ArchiveSummary summary = run.archive(account, () -> watchdog.ensureHeld(account), () -> false);
            return summary.failed() > 0 ? ExitCode.FAILED.code() : ExitCode.SUCCESS.code();
        });
    }
}

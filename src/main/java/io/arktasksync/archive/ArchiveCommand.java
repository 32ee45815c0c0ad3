package io.arktasksync.archive;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.run.ExitCode;
import io.arktasksync.run.LockedCommand;
import io.arktasksync.run.RunLockWatchdog;

/**
 * {@code archive}: archives what the database already holds, without listing the API (to catch up, or after
 * changing ARK_ARCHIVE_URL; a failed link is tried at once, not at its next try), for every configured account of
 * this process's shard, one after the other, each under its run lock like a sync. Per account: 0 when every link
 * was archived or found expired, 1 when some failed or were given up (later runs try the failed ones again), 5 when
 * another run holds the lock; the process's code sums them up as a sync's does ({@link ExitCode#ofAll}).
 */
public final class ArchiveCommand {

    private final ArchiveRun run;

    private final List<String> accounts;

    private final LockedCommand lockedCommand;

    private final RunLockWatchdog watchdog;

    ArchiveCommand(ArchiveRun run, List<String> accounts, LockedCommand lockedCommand, RunLockWatchdog watchdog) {
        this.run = run;
        this.accounts = List.copyOf(accounts);
        this.lockedCommand = lockedCommand;
        this.watchdog = watchdog;
    }

    /** @return the exit code */
    public int run() throws Exception {
        List<ExitCode> codes = new ArrayList<>();
        for (String account : accounts) {
            codes.add(ExitCode.of(lockedCommand.run("archive", account, () -> {
                ArchiveSummary summary = run.archive(account, () -> watchdog.ensureHeld(account), () -> false,
                        false);
                return summary.failed() > 0 ? ExitCode.FAILED.code() : ExitCode.SUCCESS.code();
            })));
        }
        return ExitCode.ofAll(codes).code();
    }
}

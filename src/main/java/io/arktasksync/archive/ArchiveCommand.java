package io.arktasksync.archive;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.lock.RunLock;
import io.arktasksync.cli.exit.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code archive}: archives what the database already holds, without listing the API (to catch up, or after
 * changing ARK_ARCHIVE_URL; a failed link is tried at once, not at its next try), for every configured account of
 * this process's shard, one after the other, each under its run lock like a sync. Per account: 0 when every link
 * was archived or found expired, 1 when some failed or were given up (later runs try the failed ones again), 5 when
 * another run holds the lock; the process's code sums them up as a sync's does ({@link ExitCode#ofAll}).
 */
public final class ArchiveCommand {

    private static final Logger log = LoggerFactory.getLogger(ArchiveCommand.class);

    private final ArchiveRun run;

    private final List<String> accounts;

    private final RunLock runLock;

    ArchiveCommand(ArchiveRun run, List<String> accounts, RunLock runLock) {
        this.run = run;
        this.accounts = List.copyOf(accounts);
        this.runLock = runLock;
    }

    /** @return the exit code */
    public int run() throws Exception {
        List<ExitCode> codes = new ArrayList<>();
        for (String account : accounts) {
            codes.add(archive(account));
        }
        return ExitCode.ofAll(codes).code();
    }

    private ExitCode archive(String account) throws Exception {
        RunLock.Held lock = runLock.tryHold(account);
        if (lock == null) {
            log.error("Another ark-task-sync run holds the lock of account {} on this database; archive exits without "
                    + "doing anything", account);
            return ExitCode.ALREADY_RUNNING;
        }
        try (lock) {
            ArchiveSummary summary = run.archive(account, () -> runLock.ensureHeld(account), () -> false, false);
            return summary.failed() > 0 ? ExitCode.FAILED : ExitCode.SUCCESS;
        }
    }
}

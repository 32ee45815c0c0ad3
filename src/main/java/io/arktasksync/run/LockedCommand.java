package io.arktasksync.run;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs a command other than the sync (e.g. {@code archive}) under the same run lock, watched by the same
 * {@link RunLockWatchdog}, so that it never works beside a sync or another such command on the same database.
 */
@Component
public class LockedCommand {

    private static final Logger log = LoggerFactory.getLogger(LockedCommand.class);

    private final Jdbi jdbi;

    private final RunLockWatchdog watchdog;

    public LockedCommand(Jdbi jdbi, RunLockWatchdog watchdog) {
        this.jdbi = jdbi;
        this.watchdog = watchdog;
    }

    @FunctionalInterface
    public interface Work {

        /** @return the exit code */
        int run() throws Exception;
    }

    /**
     * @param account whose lock the work takes: the account whose data it touches
     * @return the work's exit code, or {@link ExitCode#ALREADY_RUNNING} without running it when another run holds
     *         the lock
     */
    public int run(String name, String account, Work work) throws Exception {
        DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi, account);
        if (lock == null) {
            log.error("Another ark-task-sync run holds the lock of account {} on this database; {} exits without doing "
                    + "anything", account, name);
            return ExitCode.ALREADY_RUNNING.code();
        }
        try (lock; RunLockWatchdog.Watch watch = watchdog.watch(account, lock)) {
            return work.run();
        }
    }
}

package io.arktasksync.run;

import io.arktasksync.cli.exit.ExitCode;

/**
 * Told how a sync ended, whatever the way: completed, failed, stopped by SIGTERM, or not started because another
 * run holds the lock. Called by {@link SyncRunner} after the run's last figures are recorded and before a SIGTERM
 * lets the JVM exit, so what it does still happens when the process was told to stop.
 */
public interface SyncEndedListener {

    /**
     * Must not throw: a listener's trouble never changes the sync's exit code.
     *
     * @param account the account whose sync ended (a process may sync several)
     */
    void syncEnded(String account, ExitCode exitCode);
}

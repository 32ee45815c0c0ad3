package io.arktasksync.lock;

/**
 * The run's database lock is gone while the run still works: another run may already hold it, so this one must not
 * commit anything more. Classified as the exit code DATABASE_UNAVAILABLE: the database ended the lock's session.
 */
public class RunLockLostException extends RuntimeException {

    RunLockLostException(String message) {
        super(message);
    }
}

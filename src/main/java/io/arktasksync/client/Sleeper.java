package io.arktasksync.client;

import java.time.Duration;

/** Waits between retries; a seam so tests need not sleep. */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD = wait -> Thread.sleep(wait.toMillis());

    void sleep(Duration wait) throws InterruptedException;
}

package io.arktasksync.job;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

/**
 * The threads that fetch and parse pages ahead of the step, shared by every account that may run at the same time.
 * Daemon threads, so they never keep the JVM alive. The logging context of the run that hands a page over (the
 * account, with several) goes along, so that a fetch thread's lines name the account they work for.
 */
final class PageFetchExecutor implements Executor, AutoCloseable {

    private final ExecutorService threads;

    PageFetchExecutor(int threadCount) {
        AtomicInteger started = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "page-fetch-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable command) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        threads.execute(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                command.run();
            }
            finally {
                MDC.clear();
            }
        });
    }

    /** Interrupts fetches still running: at context close nothing waits for their pages any more. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}

package io.arktasksync.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A simulated Ark account: the "list content generation tasks" call over a set of tasks, served on 127.0.0.1 at an
 * ephemeral port. Thread-safe. This is what ships for {@code --demo}: it answers plainly; the tests' simulator
 * ({@code ArkSimulator} in {@code src/test}) runs the same server with its knobs ({@link Misbehaviour}).
 *
 * <p>Serves {@code GET {pathPrefix}/contents/generations/tasks} only; see {@code ARK_API.md} for the real API.
 * A request line that {@code java.net.URI} cannot parse (broken {@code %} escapes, unencoded spaces or
 * {@code |}) is refused by the JDK server itself with an HTML 400 before the simulator sees it: such requests
 * are not counted.
 */
public final class SimulatedApi implements AutoCloseable {

    static final String LIST_PATH = "/contents/generations/tasks";
    /** The highest {@code page_num} upstream accepts. */
    static final int DEFAULT_MAX_PAGE_NUM = 500;
    private static final int WORKER_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final TaskStore store;
    private final RequestLog log;

    private SimulatedApi(HttpServer server, ExecutorService executor, String baseUrl, TaskStore store,
            RequestLog log) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
        this.store = store;
        this.log = log;
    }

    /**
     * Starts a simulated account with no task that answers plainly.
     *
     * @param pathPrefix e.g. {@code /api/v3} (official) or {@code /volc/v1} (relay); "" for none; a trailing
     *                   slash is ignored
     * @param apiKey     the only key accepted in {@code Authorization: Bearer <apiKey>}
     */
    public static SimulatedApi start(String pathPrefix, String apiKey) {
        return start(pathPrefix, apiKey, () -> DEFAULT_MAX_PAGE_NUM, Misbehaviour.NONE);
    }

    /** @param maxPageNum the highest accepted {@code page_num}, read per request */
    static SimulatedApi start(String pathPrefix, String apiKey, IntSupplier maxPageNum, Misbehaviour misbehaviour) {
        Objects.requireNonNull(apiKey, "apiKey");
        String prefix = normalizePrefix(pathPrefix);
        JsonMapper mapper = JsonMapper.builder().build();
        TaskStore store = new TaskStore(mapper);
        RequestLog log = new RequestLog();
        ListTasksHandler handler = new ListTasksHandler(prefix + LIST_PATH, apiKey, store,
                new ListQueryParser(maxPageNum), log, mapper, misbehaviour);
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
            return new SimulatedApi(server, executor, baseUrl, store, log);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Ark simulator", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} plus the path prefix, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Inserts or replaces all, in iteration order (a repeated id: the last one wins). */
    public void putAll(Collection<SimulatedTask> tasks) {
        store.putAll(tasks);
    }

    TaskStore store() {
        return store;
    }

    RequestLog log() {
        return log;
    }

    /** Stops the server at once: open exchanges are cut, worker threads are interrupted. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String normalizePrefix(String pathPrefix) {
        String prefix = pathPrefix == null ? "" : pathPrefix.trim();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            prefix = "/" + prefix;
        }
        return prefix;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ark-simulator-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

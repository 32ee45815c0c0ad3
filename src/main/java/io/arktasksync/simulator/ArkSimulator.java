package io.arktasksync.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A running simulator of the Ark "list content generation tasks" call, bound to 127.0.0.1 on an ephemeral
 * port. Thread-safe.
 *
 * <p>Why: the sync job, the {@code --demo} mode, the tests and the benchmark all need an upstream whose data
 * and misbehaviour they control. This class is the facade: it owns the HTTP server and exposes the dataset,
 * what was asked, and the knobs; the work is done by {@link TaskStore}, {@link ListQueryParser},
 * {@link FaultInjector}, {@link RequestLog} and {@link ListTasksHandler}.
 *
 * <p>Serves {@code GET {pathPrefix}/contents/generations/tasks} only; see {@code ARK_API.md} for the real API.
 * A request line that {@code java.net.URI} cannot parse (broken {@code %} escapes, unencoded spaces or
 * {@code |}) is refused by the JDK server itself with an HTML 400 before the simulator sees it: such requests
 * are not counted.
 */
public final class ArkSimulator implements AutoCloseable {

    static final String LIST_PATH = "/contents/generations/tasks";
    private static final int DEFAULT_MAX_PAGE_NUM = 500;
    private static final int WORKER_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final TaskStore store;
    private final RequestLog log;
    private final FaultInjector faults;
    private final AtomicInteger maxPageNum;
    private final AtomicReference<Runnable> hook;
    private final WireFaults wireFaults;
    private final AtomicReference<Duration> delay;
    private final ContentServer content = ContentServer.start();
    private final RelayQuirks quirks;
    private final ListingChurn churn;

    private ArkSimulator(HttpServer server, ExecutorService executor, String baseUrl, TaskStore store,
            RequestLog log, FaultInjector faults, AtomicInteger maxPageNum, AtomicReference<Runnable> hook,
            WireFaults wireFaults, AtomicReference<Duration> delay, RelayQuirks quirks, ListingChurn churn) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
        this.store = store;
        this.log = log;
        this.faults = faults;
        this.maxPageNum = maxPageNum;
        this.hook = hook;
        this.wireFaults = wireFaults;
        this.delay = delay;
        this.quirks = quirks;
        this.churn = churn;
    }

    /**
     * Starts a simulator with an empty dataset.
     *
     * @param pathPrefix e.g. {@code /api/v3} (official) or {@code /volc/v1} (relay); "" for none; a trailing
     *                   slash is ignored
     * @param apiKey     the only key accepted in {@code Authorization: Bearer <apiKey>}
     */
    public static ArkSimulator start(String pathPrefix, String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        String prefix = normalizePrefix(pathPrefix);
        JsonMapper mapper = JsonMapper.builder().build();
        TaskStore store = new TaskStore(mapper);
        RequestLog log = new RequestLog();
        FaultInjector faults = new FaultInjector();
        AtomicInteger maxPageNum = new AtomicInteger(DEFAULT_MAX_PAGE_NUM);
        AtomicReference<Runnable> hook = new AtomicReference<>();
        WireFaults wireFaults = new WireFaults();
        AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
        RelayQuirks quirks = new RelayQuirks();
        ListingChurn churn = new ListingChurn();
        ListTasksHandler handler = new ListTasksHandler(prefix + LIST_PATH, apiKey, store,
                new ListQueryParser(maxPageNum::get), faults, log, hook::get, mapper, wireFaults, delay::get, quirks,
                churn);
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
            return new ArkSimulator(server, executor, baseUrl, store, log, faults, maxPageNum, hook, wireFaults,
                    delay, quirks, churn);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Ark simulator", e);
        }
    }

    /** Relay and API-variant behaviours to switch on ({@link RelayQuirks}); all off by default. */
    public RelayQuirks quirks() {
        return quirks;
    }

    /** Changes to the dataset made before every list request ({@link ListingChurn}); none by default. */
    public ListingChurn churn() {
        return churn;
    }

    /** {@code http://127.0.0.1:<port>} plus the path prefix, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The storage host of the outputs: serves their bytes at links moved to it ({@link ContentServer#localize}). */
    public ContentServer content() {
        return content;
    }

    /** Stops the server at once: open exchanges are cut, worker threads are interrupted. */
    @Override
    public void close() {
        content.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Inserts the task, or replaces the entry (task or raw item) with the same id. */
    public void put(SimulatedTask task) {
        store.put(task);
    }

    /** Inserts or replaces all, in iteration order (a repeated id: the last one wins). */
    public void putAll(Collection<SimulatedTask> tasks) {
        store.putAll(tasks);
    }

    /**
     * Inserts or replaces an item served verbatim inside {@code "items"}, to test items no well-formed task can
     * produce (non-objects, wrong types, {@code "\u0000"}...). It is ordered by {@code createdAt} and listed
     * only under {@code serviceTier} (null means {@code default}); it never matches a status, model or task id
     * filter.
     *
     * @param id          only a key for replace/remove and the tie-break of the order
     * @param rawItemJson a single JSON value, spliced in as is (not validated)
     */
    public void putRaw(String id, String rawItemJson, long createdAt, String serviceTier) {
        store.putRaw(id, rawItemJson, createdAt, serviceTier);
    }

    /**
     * Like {@link #putRaw}, with {@code fillerBytes} copies of {@code fill} streamed into the item where
     * {@code rawItemJson} holds {@code marker} (which is not sent): an item of any size, never held in memory. With a
     * letter inside a string value it makes a huge value; with a space between tokens, a huge page of small JSON.
     */
    public void putStretched(String id, String rawItemJson, String marker, long fillerBytes, char fill,
            long createdAt, String serviceTier) {
        String text = rawItemJson;
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("no marker " + marker + " in " + rawItemJson);
        }
        String without = text.substring(0, at) + text.substring(at + marker.length());
        int byteAt = text.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        store.putRaw(id, without, createdAt, serviceTier, new StoredItem.Stretch(byteAt, fillerBytes, (byte) fill));
    }

    /** Removes the task or raw item with this id, if any (a task deleted upstream leaves the list mid-scan). */
    public void remove(String id) {
        store.remove(id);
    }

    /** Snapshot of the well-formed tasks (not raw items), in serving order. */
    public List<SimulatedTask> tasks() {
        return store.tasks();
    }

    /** Tasks plus raw items. */
    public int size() {
        return store.size();
    }

    /** Requests received (any path, any status, including faulted and 4xx ones) since start or reset. */
    public long requestCount() {
        return log.count();
    }

    /** The raw (undecoded) query string of every request received, in order; "" for none. */
    public List<String> requestQueries() {
        return log.queries();
    }

    public void resetRequests() {
        log.reset();
    }

    /**
     * Highest accepted {@code page_num} (default 500, as upstream); above it the answer is
     * 400 {@code InvalidParameter.page_num}.
     */
    public void setMaxPageNum(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        maxPageNum.set(max);
    }

    /**
     * The next {@code count} list requests get this canned answer instead of the real one, before the API key
     * is checked. Calls queue up in order.
     *
     * @param body    sent as given (UTF-8); null for none
     * @param headers response headers; {@code Content-Type: application/json} is added when absent and there is
     *                a body; null for none
     */
    public void failNext(int count, int status, String body, Map<String, String> headers) {
        SimulatedResponse response = new SimulatedResponse(status, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        boolean hasContentType = response.headers().keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
        if (!hasContentType && response.body().length > 0) {
            response = response.withHeader("Content-Type", "application/json");
        }
        faults.add(count, response);
    }

    /**
     * Runs {@code hook} on the server thread before each list request is answered (after it is counted, before a
     * fault or the API key check), so tests can change the dataset between pages. Null removes it. A hook that
     * throws makes that request answer 500.
     */
    public void beforeEachRequest(Runnable hook) {
        this.hook.set(hook);
    }

    /**
     * The next {@code count} responses (whatever they hold) are cut on the wire: the headers announce the whole
     * body, half of it is sent, then the connection is closed, as when a proxy or the network drops mid-answer.
     * Calls queue up in order with {@link #stallBodyNext}.
     */
    public void cutBodyNext(int count) {
        wireFaults.add(count, new WireFaults.WireFault(WireFaults.Kind.CUT, Duration.ZERO));
    }

    /**
     * The next {@code count} responses send their headers and half the body at once and the rest only after
     * {@code stall}: a server that answers and then hangs, which a timeout on the headers alone never catches.
     */
    public void stallBodyNext(int count, Duration stall) {
        Objects.requireNonNull(stall, "stall");
        wireFaults.add(count, new WireFaults.WireFault(WireFaults.Kind.STALL, stall));
    }

    /**
     * Every list request waits this long before it is answered (after the hook and the fault queue), to slow a
     * sync down enough to interrupt it; zero (the default) for none. Closing the simulator cuts a wait short.
     */
    public void setResponseDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        this.delay.set(delay);
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

package io.arktasksync.simulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.json.JsonMapper;

/**
 * A running simulator of the Ark "list content generation tasks" call, bound to 127.0.0.1 on an ephemeral
 * port, with the knobs tests turn. Thread-safe. Test code: the production jar ships the plain
 * {@link SimulatedApi} (for {@code --demo}) that this runs with its {@link Knobs}.
 *
 * <p>Why: the sync job, the tests and the benchmark all need an upstream whose data and misbehaviour they control.
 * This class is the facade: it owns the server and exposes the dataset, what was asked, and the knobs; the work is
 * done by {@link SimulatedApi} ({@link TaskStore}, {@link ListQueryParser}, {@link RequestLog},
 * {@link ListTasksHandler}) and the knobs ({@link FaultInjector}, {@link WireFaults}, {@link RelayQuirks},
 * {@link ListingChurn}).
 *
 * <p>Serves {@code GET {pathPrefix}/contents/generations/tasks} only; see {@code ARK_API.md} for the real API.
 * A request line that {@code java.net.URI} cannot parse (broken {@code %} escapes, unencoded spaces or
 * {@code |}) is refused by the JDK server itself with an HTML 400 before the simulator sees it: such requests
 * are not counted.
 */
public final class ArkSimulator implements AutoCloseable {

    private final SimulatedApi api;
    private final Knobs knobs;
    private final AtomicInteger maxPageNum;
    private final ContentServer content = ContentServer.start();

    private ArkSimulator(SimulatedApi api, Knobs knobs, AtomicInteger maxPageNum) {
        this.api = api;
        this.knobs = knobs;
        this.maxPageNum = maxPageNum;
    }

    /**
     * Starts a simulator with an empty dataset.
     *
     * @param pathPrefix e.g. {@code /api/v3} (official) or {@code /volc/v1} (relay); "" for none; a trailing
     *                   slash is ignored
     * @param apiKey     the only key accepted in {@code Authorization: Bearer <apiKey>}
     */
    public static ArkSimulator start(String pathPrefix, String apiKey) {
        Knobs knobs = new Knobs();
        AtomicInteger maxPageNum = new AtomicInteger(SimulatedApi.DEFAULT_MAX_PAGE_NUM);
        return new ArkSimulator(SimulatedApi.start(pathPrefix, apiKey, maxPageNum::get, knobs), knobs, maxPageNum);
    }

    /** Relay and API-variant behaviours to switch on ({@link RelayQuirks}); all off by default. */
    public RelayQuirks quirks() {
        return knobs.quirks;
    }

    /** Changes to the dataset made before every list request ({@link ListingChurn}); none by default. */
    public ListingChurn churn() {
        return knobs.churn;
    }

    /** {@code http://127.0.0.1:<port>} plus the path prefix, without a trailing slash. */
    public String baseUrl() {
        return api.baseUrl();
    }

    public int port() {
        return api.port();
    }

    /** The storage host of the outputs: serves their bytes at links moved to it ({@link ContentServer#localize}). */
    public ContentServer content() {
        return content;
    }

    /** Stops the server at once: open exchanges are cut, worker threads are interrupted. */
    @Override
    public void close() {
        content.close();
        api.close();
    }

    /** Inserts the task, or replaces the entry (task or raw item) with the same id. */
    public void put(SimulatedTask task) {
        api.store().put(task);
    }

    /** Inserts or replaces all, in iteration order (a repeated id: the last one wins). */
    public void putAll(Collection<SimulatedTask> tasks) {
        api.putAll(tasks);
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
        api.store().putRaw(id, rawItemJson, createdAt, serviceTier);
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
        api.store().putRaw(id, without, createdAt, serviceTier, new StoredItem.Stretch(byteAt, fillerBytes, (byte) fill));
    }

    /** Removes the task or raw item with this id, if any (a task deleted upstream leaves the list mid-scan). */
    public void remove(String id) {
        api.store().remove(id);
    }

    /** Snapshot of the well-formed tasks (not raw items), in serving order. */
    public List<SimulatedTask> tasks() {
        return api.store().tasks();
    }

    /** Tasks plus raw items. */
    public int size() {
        return api.store().size();
    }

    /** Requests received (any path, any status, including faulted and 4xx ones) since start or reset. */
    public long requestCount() {
        return api.log().count();
    }

    /** The raw (undecoded) query string of every request received, in order; "" for none. */
    public List<String> requestQueries() {
        return api.log().queries();
    }

    public void resetRequests() {
        api.log().reset();
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
        knobs.faults.add(count, response);
    }

    /**
     * Runs {@code hook} on the server thread before each list request is answered (after it is counted, before a
     * fault or the API key check), so tests can change the dataset between pages. Null removes it. A hook that
     * throws makes that request answer 500.
     */
    public void beforeEachRequest(Runnable hook) {
        knobs.hook.set(hook);
    }

    /**
     * The next {@code count} responses (whatever they hold) are cut on the wire: the headers announce the whole
     * body, half of it is sent, then the connection is closed, as when a proxy or the network drops mid-answer.
     * Calls queue up in order with {@link #stallBodyNext}.
     */
    public void cutBodyNext(int count) {
        knobs.wireFaults.add(count, new WireFaults.WireFault(WireFaults.Kind.CUT, Duration.ZERO));
    }

    /**
     * The next {@code count} responses send their headers and half the body at once and the rest only after
     * {@code stall}: a server that answers and then hangs, which a timeout on the headers alone never catches.
     */
    public void stallBodyNext(int count, Duration stall) {
        Objects.requireNonNull(stall, "stall");
        knobs.wireFaults.add(count, new WireFaults.WireFault(WireFaults.Kind.STALL, stall));
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
        knobs.delay.set(delay);
    }

    /** The knobs as the server meets them, per request: hook, faults, quirks, churn, delay, damage on the wire. */
    static final class Knobs implements Misbehaviour {

        final FaultInjector faults = new FaultInjector();
        final AtomicReference<Runnable> hook = new AtomicReference<>();
        final WireFaults wireFaults = new WireFaults();
        final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
        final RelayQuirks quirks = new RelayQuirks();
        final ListingChurn churn = new ListingChurn();

        @Override
        public Optional<SimulatedResponse> beforeAnswer() {
            Runnable beforeRequest = hook.get();
            if (beforeRequest != null) {
                beforeRequest.run();
            }
            return faults.next();
        }

        @Override
        public ListQuery query(ListQuery parsed) {
            return quirks.apply(parsed);
        }

        @Override
        public void beforeListing(TaskStore store) {
            churn.beforeListing(store);
        }

        @Override
        public boolean oldestFirst() {
            return quirks.oldestFirst();
        }

        @Override
        public Page page(Page page, JsonMapper mapper) {
            return quirks.apply(page, mapper);
        }

        @Override
        public boolean send(HttpExchange exchange, SimulatedResponse response) throws IOException {
            pause(delay.get());
            Optional<WireFaults.WireFault> damage = wireFaults.next();
            if (damage.isEmpty()) {
                return false;
            }
            sendDamaged(exchange, response, damage.get());
            return true;
        }

        private static void pause(Duration duration) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                return;
            }
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                // the simulator is closing: answer at once
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Sends the response damaged on the wire: the headers announce the whole body, then half of it goes out and the
         * connection is closed ({@link WireFaults.Kind#CUT}) or the rest follows only after a stall
         * ({@link WireFaults.Kind#STALL}; a client that gave up meanwhile makes the late write fail, which is expected).
         */
        private static void sendDamaged(HttpExchange exchange, SimulatedResponse response, WireFaults.WireFault fault)
                throws IOException {
            ResponseSender.sendHeaders(exchange, response);
            if (!ResponseSender.bodyAllowed(exchange, response)) {
                return;
            }
            byte[] body = response.body();
            int half = body.length / 2;
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, half);
            out.flush();
            if (fault.kind() == WireFaults.Kind.CUT) {
                // Closing the exchange with bytes still owed makes the JDK server drop the connection.
                return;
            }
            try {
                Thread.sleep(fault.stall().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("simulator stopped during a stalled response");
            }
            out.write(body, half, body.length - half);
            out.close();
        }
    }
}

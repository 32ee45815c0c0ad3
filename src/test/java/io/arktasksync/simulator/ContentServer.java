package io.arktasksync.simulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The storage host of the simulated outputs (TOS in the real service): {@code GET /content/<object>?X-Tos-...}
 * answers the object's deterministic bytes ({@link ContentBytes}) until the link's {@code X-Tos-Date} plus
 * {@code X-Tos-Expires} (24 h), and 403 {@code AccessDenied} after, as the real host does. Faults for the next
 * requests: an error status, a body cut halfway, a slow body. Its own server and threads, so slow downloads never
 * hold up the list API.
 */
public final class ContentServer implements AutoCloseable {

    static final String PATH = "/content/";

    private static final String TOS_HOST = "https://ark-content-generation.tos-cn-beijing.volces.com/";

    private static final DateTimeFormatter TOS_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final HttpServer server;

    private final ExecutorService executor;

    private final String baseUrl;

    private final Map<String, Long> sizes = new ConcurrentHashMap<>();

    private final Map<String, String> contentTypes = new ConcurrentHashMap<>();

    private final Map<String, Long> dripMillis = new ConcurrentHashMap<>();

    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();

    private final AtomicInteger cuts = new AtomicInteger();

    private final AtomicLong bytesPerSecond = new AtomicLong();

    private final AtomicLong requests = new AtomicLong();

    private final AtomicLong bodiesServed = new AtomicLong();

    private final AtomicReference<Clock> clock = new AtomicReference<>(Clock.systemUTC());

    private ContentServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    static ContentServer start() {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "content-server-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            ContentServer content = new ContentServer(server, executor);
            server.createContext(PATH, content::handle);
            server.setExecutor(executor);
            server.start();
            return content;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the content server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/content/}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The task with its output links moved from the real storage host to this server (path and query kept). */
    public SimulatedTask localize(SimulatedTask task) {
        return new SimulatedTask(task.id(), task.model(), task.status(), task.serviceTier(), task.createdAt(),
                task.updatedAt(), task.completionTokens(), task.totalTokens(), local(task.videoUrl()),
                local(task.lastFrameUrl()), task.errorCode(), task.errorMessage(), task.errorAsFailureReason(),
                task.resolution(), task.ratio(), task.duration(), task.framesPerSecond(), task.seed(),
                task.extraFields());
    }

    private String local(String url) {
        return url != null && url.startsWith(TOS_HOST) ? baseUrl + url.substring(TOS_HOST.length()) : url;
    }

    /** The object name of a link to this server ({@code cgt-...mp4}), or null. */
    public static String objectOf(String url) {
        int path = url.indexOf(PATH);
        if (path < 0) {
            return null;
        }
        int query = url.indexOf('?', path);
        return url.substring(path + PATH.length(), query < 0 ? url.length() : query);
    }

    /** The size served for the object (its default unless {@link #setSize}). */
    public long size(String object) {
        return sizes.getOrDefault(object, ContentBytes.defaultSize(object));
    }

    public void setSize(String object, long bytes) {
        sizes.put(object, bytes);
    }

    /** The object is answered with this {@code Content-Type} header, whatever it holds (e.g. a NUL character). */
    public void setContentType(String object, String contentType) {
        contentTypes.put(object, contentType);
    }

    /**
     * The object's body trickles: one byte, then a pause of {@code millis}, and so on (a host that never stalls long
     * enough for a read timeout, yet never finishes).
     */
    public void drip(String object, long millis) {
        dripMillis.put(object, millis);
    }

    /** The next {@code count} requests answer {@code status} (e.g. 500, 503). */
    public void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    /** The next {@code count} bodies are cut halfway: the connection closes with bytes still owed. */
    public void cutNext(int count) {
        cuts.addAndGet(count);
    }

    /** Forgets the queued failures and cuts. */
    public void clearFaults() {
        failures.clear();
        cuts.set(0);
    }

    /** Every body is sent at most this fast (a slow storage host); 0 for full speed. */
    public void setBytesPerSecond(long rate) {
        bytesPerSecond.set(rate);
    }

    /** The clock that decides whether a link expired; the system clock by default. */
    public void setClock(Clock clock) {
        this.clock.set(clock);
    }

    /** Requests received, any answer. */
    public long requestCount() {
        return requests.get();
    }

    /** Bodies that started with status 200. */
    public long bodiesServed() {
        return bodiesServed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String object = uri.getRawPath().substring(PATH.length());
            Integer failure = failures.poll();
            if (failure != null) {
                sendText(exchange, failure, "simulated failure");
                return;
            }
            Map<String, java.util.List<String>> query = QueryString.parse(uri.getRawQuery());
            Instant expiry = expiry(query);
            if (expiry == null || !clock.get().instant().isBefore(expiry)) {
                sendText(exchange, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message>"
                        + "</Error>");
                return;
            }
            if (object.isEmpty() || object.contains("/")) {
                sendText(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
                return;
            }
            long size = size(object);
            exchange.getResponseHeaders().add("Content-Type", contentTypes.getOrDefault(object,
                    object.endsWith(".mp4") ? "video/mp4" : object.endsWith(".png") ? "image/png"
                            : "application/octet-stream"));
            exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
            bodiesServed.incrementAndGet();
            Long drip = dripMillis.get(object);
            if (drip != null) {
                trickle(exchange.getResponseBody(), object, size, drip);
                return;
            }
            boolean cut = cuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            OutputStream out = exchange.getResponseBody();
            long sent = 0;
            for (long i = 0; i < ContentBytes.blocks(size); i++) {
                byte[] block = ContentBytes.block(object, size, i);
                if (cut && sent + block.length > size / 2) {
                    out.write(block, 0, (int) (size / 2 - sent));
                    out.flush();
                    return;
                }
                out.write(block);
                sent += block.length;
                pace(block.length);
            }
        }
    }

    private static void trickle(OutputStream out, String object, long size, long millis) throws IOException {
        long sent = 0;
        for (long i = 0; i < ContentBytes.blocks(size); i++) {
            for (byte b : ContentBytes.block(object, size, i)) {
                out.write(b);
                out.flush();
                sent++;
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("content server stopped after " + sent + " bytes");
                }
            }
        }
    }

    private void pace(int bytes) throws InterruptedIOException {
        long rate = bytesPerSecond.get();
        if (rate > 0) {
            try {
                Thread.sleep(bytes * 1000L / rate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("content server stopped");
            }
        }
    }

    private static Instant expiry(Map<String, java.util.List<String>> query) {
        try {
            Instant signed = LocalDateTime.parse(query.get("X-Tos-Date").get(0), TOS_DATE).toInstant(ZoneOffset.UTC);
            return signed.plusSeconds(Long.parseLong(query.get("X-Tos-Expires").get(0)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void sendText(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

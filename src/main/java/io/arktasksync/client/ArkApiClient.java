package io.arktasksync.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Calls {@code GET {base}/contents/generations/tasks} with the JDK HTTP client.
 * <p>
 * The list call is idempotent, so 429, 5xx, I/O errors, timeouts and cut-off bodies are retried with capped
 * exponential backoff and jitter, honouring {@code Retry-After}; attempts and the total wait are bounded. Every
 * response is bounded in time as a whole ({@code requestTimeout}), so a hung server cannot hang the job.
 * <p>
 * The API key is sent only in the {@code Authorization} header and appears in no message this class produces.
 * Thread-safe.
 */
public class ArkApiClient {

    static final String TASKS_PATH = "/contents/generations/tasks";

    private static final Logger log = LoggerFactory.getLogger(ArkApiClient.class);

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http;

    private final String tasksUrl;

    private final String authorization;

    private final KeyRedaction redaction;

    private final Settings settings;

    private final TaskPageParser pageParser;

    private final JsonMapper mapper;

    private final Sleeper sleeper;

    private final Clock clock;

    private final AtomicLong requests = new AtomicLong();

    private final AtomicLong retries = new AtomicLong();

    private final AtomicLong throttled = new AtomicLong();

    private final AtomicLong throttledWaitMillis = new AtomicLong();

    private final RequestPacer pacer;

    /**
     * @param requestTimeout bound on one whole response
     * @param maxAttempts attempts per page, including the first
     * @param retryMaxWait bound on the summed waits between attempts of one page
     */
    /**
     * @param maxItemBytes an item larger than this, as received, is quarantined instead of read
     * @param maxPageBytes a response body larger than this is not read on
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration retryMaxWait,
            double maxRequestsPerSecond, int maxItemBytes, long maxPageBytes) {

        /** With the default item and page limits. */
        public Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration retryMaxWait,
                double maxRequestsPerSecond) {
            this(connectTimeout, requestTimeout, maxAttempts, retryMaxWait, maxRequestsPerSecond,
                    TaskPageParser.Limits.DEFAULT.maxItemBytes(), TaskPageParser.Limits.DEFAULT.maxPageBytes());
        }
    }

    /** How much of an error body is read: enough for any error message, never a whole hostile body. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    public ArkApiClient(String baseUrl, String apiKey, Settings settings, JsonMapper mapper, Sleeper sleeper,
            Clock clock) {
        this.tasksUrl = stripTrailingSlashes(baseUrl.trim()) + TASKS_PATH;
        this.authorization = "Bearer " + apiKey;
        this.redaction = new KeyRedaction(apiKey);
        this.settings = settings;
        this.mapper = mapper;
        this.pageParser = new TaskPageParser(mapper,
                new TaskPageParser.Limits(settings.maxItemBytes(), settings.maxPageBytes()), redaction);
        this.sleeper = sleeper;
        this.clock = clock;
        this.pacer = new RequestPacer(settings.maxRequestsPerSecond());
        this.http = HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    /** The URL the client lists from, without query. Safe to log. */
    public String tasksUrl() {
        return tasksUrl;
    }

    /** Requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    /** Retried attempts so far. */
    public long retryCount() {
        return retries.get();
    }

    /** 429 answers so far. */
    public long throttledCount() {
        return throttled.get();
    }

    /** Time spent waiting to retry after 429 answers so far (pacing between requests not included). */
    public Duration throttledWait() {
        return Duration.ofMillis(throttledWaitMillis.get());
    }

    /**
     * Lists one page of one filtered listing.
     * @throws ArkAuthenticationException on 401/403
     * @throws ArkApiException when the API keeps failing or answers something that is not a page
     */
    public TaskPageResponse listTasks(ListingFilter filter, int pageNum, int pageSize) {
        URI uri = URI.create(tasksUrl + "?" + filter.query(pageNum, pageSize));
        String description = "page " + pageNum + " of " + filter.label();
        Duration waited = Duration.ZERO;
        for (int attempt = 1;; attempt++) {
            try {
                Duration paced = pacer.reserve(System.nanoTime());
                if (!paced.isZero()) {
                    sleep(paced);
                }
                TaskPageResponse page = fetchOnce(uri, description);
                pacer.succeeded();
                return page;
            }
            catch (ArkApiException e) {
                if (e.httpStatus() == 429) {
                    throttled.incrementAndGet();
                    pacer.throttled();
                }
                if (!e.retryable() || attempt >= settings.maxAttempts()) {
                    throw giveUp(e, attempt);
                }
                Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff(attempt);
                if (waited.plus(wait).compareTo(settings.retryMaxWait()) > 0) {
                    throw giveUp(e, attempt);
                }
                log.warn("Attempt {} of {} failed: {}; retrying in {} ms", attempt, settings.maxAttempts(),
                        e.getMessage(), wait.toMillis());
                retries.incrementAndGet();
                if (e.httpStatus() == 429) {
                    throttledWaitMillis.addAndGet(wait.toMillis());
                }
                sleep(wait);
                waited = waited.plus(wait);
            }
        }
    }

    private TaskPageResponse fetchOnce(URI uri, String description) {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .GET()
            .build();
        requests.incrementAndGet();
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        HttpResponse<InputStream> response = send(request, description);
        // The body is read as a stream, never held whole; the request timeout bounds the whole response, so a body
        // that trickles or stalls is cut when the time is up (closing the stream ends a read that waits).
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (InputStream body = response.body()) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            CompletableFuture.runAsync(() -> {
                if (!done.get()) {
                    timedOut.set(true);
                    closeQuietly(body);
                }
            }, CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS));
            return read(response.statusCode(), response, body, description);
        }
        catch (IOException | ArkApiException e) {
            if (timedOut.get()) {
                throw new ArkApiException("No complete response within " + settings.requestTimeout().toMillis()
                        + " ms for " + description, 0, null, true, null, e);
            }
            if (e instanceof ArkApiException api) {
                throw api;
            }
            throw new ArkApiException("The response to " + description + " could not be read to its end: " + e,
                    0, null, true, null, e);
        }
        finally {
            done.set(true);
        }
    }

    private TaskPageResponse read(int status, HttpResponse<InputStream> response, InputStream body,
            String description) throws IOException {
        if (status == 200) {
            return pageParser.parse(body, description);
        }
        ApiErrorBody error = ApiErrorBody.from(redaction.apply(body.readNBytes(ERROR_BODY_LIMIT)), mapper);
        String what = "Ark API answered HTTP " + status + (error.code() == null ? "" : " " + error.code()) + " for "
                + description + ": " + error.message()
                // no such path (an Ark API answers its own NotFound for a mistyped one too), or no Ark error
                // object: the base URL is wrong, most likely
                + (status == 404 || status == 405 && error.code() == null ? TaskPageParser.NOT_ARK : "");
        if (status == 401 || status == 403) {
            throw new ArkAuthenticationException("Authentication failed: " + what
                    + " (check ARK_API_KEY and the account's access to this API)", status, error.code());
        }
        boolean retryable = status == 429 || status >= 500 || status == 408;
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
            .orElse(null);
        throw new ArkApiException(what, status, error.code(), retryable, retryAfter, null);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        }
        catch (IOException e) {
            // closing only to end a read that waits
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, String description) {
        CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            // The request timeout covers only the headers here; the body is bounded by fetchOnce.
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            future.cancel(true);
            throw new ArkApiException("No complete response within " + settings.requestTimeout().toMillis()
                    + " ms for " + description, 0, null, true, null, e);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // The client's own header timeout can fire before ours: the same event, reported the same way.
                throw new ArkApiException("No complete response within " + settings.requestTimeout().toMillis()
                        + " ms for " + description, 0, null, true, null, cause);
            }
            throw new ArkApiException("Could not reach the Ark API at " + tasksUrl + " for " + description + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    0, null, cause instanceof IOException, null, cause);
        }
        catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ArkApiException("Interrupted while waiting for " + description, 0, null, false, null, e);
        }
    }

    private ArkApiException giveUp(ArkApiException last, int attempts) {
        if (attempts <= 1 || last instanceof ArkAuthenticationException) {
            return last;
        }
        if (last instanceof BrokenPageException broken) {
            // It goes to the reader whole: it carries the items read before the fault.
            return broken.afterAttempts(attempts);
        }
        return new ArkApiException(last.getMessage() + " (gave up after " + attempts + " attempts)", last.httpStatus(),
                last.errorCode(), false, null, last);
    }

    private static Duration backoff(int failedAttempts) {
        long capped = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failedAttempts - 1, 20));
        // "Equal jitter": at least half the backoff, so retries spread out without collapsing to zero.
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArkApiException("Interrupted while waiting to retry", 0, null, false, null, e);
        }
    }

    private static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}

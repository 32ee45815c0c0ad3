package io.arktasksync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

class ArkApiClientTest {

    private static final String API_KEY = "sk-test-5f0c1d2e3a4b";

    private static final Instant NOW = Instant.parse("2025-03-31T10:00:00Z");

    private static final ListingFilter ALL_DEFAULT = new ListingFilter(null, null, List.of(), "default");

    private static final String HTML_502 = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body>
            </html>
            """;

    private final JsonMapper json = ArkJsonMapper.create();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Every wait the client asked for, in order; nothing really sleeps. */
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    private final Sleeper recordingSleeper = waits::add;

    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

    private ArkSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ArkSimulator.start("/api/v3", API_KEY);
    }

    @AfterEach
    void stopEverything() throws Exception {
        simulator.close();
        for (AutoCloseable closeable : closeAfterTest) {
            closeable.close();
        }
    }

    // ---------------------------------------------------------------- the request

    @Test
    void shouldSendPageNumPageSizeAndUrlEncodedFilters() {
        // given
        ArkApiClient client = client(simulator.baseUrl(), settings(4, Duration.ofMinutes(2)));
        ListingFilter slice = new ListingFilter("succeeded", "my model/é&x=1", List.of("cgt-a b", "cgt+2"), "flex");

        // when
        client.listTasks(slice, 2, 50);

        // then
        assertThat(simulator.requestQueries()).containsExactly("page_num=2&page_size=50"
                + "&filter.status=succeeded&filter.model=my+model%2F%C3%A9%26x%3D1"
                + "&filter.task_ids=cgt-a+b&filter.task_ids=cgt%2B2&filter.service_tier=flex");
    }

    @Test
    void shouldSendOnlyPagingWhenTheSliceHasNoFilters() {
        // given
        ArkApiClient client = client(simulator.baseUrl(), settings(4, Duration.ofMinutes(2)));

        // when
        client.listTasks(new ListingFilter(null, " ", null, ""), 1, 500);

        // then
        assertThat(simulator.requestQueries()).containsExactly("page_num=1&page_size=500");
    }

    @Test
    void shouldFindTaskWhoseModelNeedsEncoding() {
        // given
        String model = "ep-20250331 & model=x/é+1";
        simulator.put(task("cgt-special", model, "flex", 1_743_414_619L));
        simulator.put(task("cgt-other", "plain-model", "flex", 1_743_414_620L));
        ArkApiClient client = client(simulator.baseUrl(), settings(4, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(new ListingFilter(null, model, List.of(), "flex"), 1, 10);

        // then
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).extracting(item -> item.get("id").stringValue()).containsExactly("cgt-special");
    }

    @Test
    void shouldReturnTotalAndItemsOfThePage() {
        // given
        simulator.put(task("cgt-old", "m", "default", 1_743_414_000L));
        simulator.put(task("cgt-mid", "m", "default", 1_743_414_100L));
        simulator.put(task("cgt-new", "m", "default", 1_743_414_200L));
        ArkApiClient client = client(simulator.baseUrl() + "/", settings(4, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 2);

        // then
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(item -> item.get("id").stringValue()).containsExactly("cgt-new", "cgt-mid");
        assertThat(client.tasksUrl()).isEqualTo(simulator.baseUrl() + "/contents/generations/tasks");
        assertThat(client.requestCount()).isEqualTo(1);
        assertThat(client.retryCount()).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldKeepEveryFieldOfTheItemsOfAFixturePage() {
        // given
        String body = fixture("page-two-items.json");
        simulator.failNext(1, 200, body, null);
        ArkApiClient client = client(simulator.baseUrl(), settings(4, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).containsExactlyElementsOf(json.readTree(body).get("items"));
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void shouldFailOn401NamingAuthenticationErrorWithoutTheKeyAndWithoutRetrying() {
        // given
        String wrongKey = "sk-wrong-9a8b7c6d";
        ArkApiClient client = new ArkApiClient(simulator.baseUrl(), wrongKey, settings(5, Duration.ofMinutes(2)),
                json, recordingSleeper, clock);

        // when
        ArkAuthenticationException e = catchThrowableOfType(ArkAuthenticationException.class,
                () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("AuthenticationError").contains("401")
            .doesNotContain(wrongKey).doesNotContain(API_KEY);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).isEqualTo("AuthenticationError");
        assertThat(e.retryable()).isFalse();
        assertThat(simulator.requestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldFailOn403WithoutRetrying() {
        // given
        simulator.failNext(3, 403, fixture("error-account-overdue.json"), null);
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        ArkAuthenticationException e = catchThrowableOfType(ArkAuthenticationException.class,
                () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("AccountOverdueError").doesNotContain(API_KEY);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(simulator.requestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    // ---------------------------------------------------------------- retries

    @Test
    void shouldWaitExactlyRetryAfterSecondsOn429ThenSucceed() {
        // given
        simulator.put(task("cgt-1", "m", "default", 1_743_414_000L));
        simulator.failNext(1, 429, fixture("error-rate-limit.json"), Map.of("Retry-After", "7"));
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(page.items()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(simulator.requestCount()).isEqualTo(2);
        assertThat(client.retryCount()).isEqualTo(1);
        assertThat(client.requestCount()).isEqualTo(2);
        assertThat(client.throttledCount()).isEqualTo(1);
        assertThat(client.throttledWait()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldHonourRetryAfterGivenAsHttpDate() {
        // given
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
        simulator.failNext(1, 429, fixture("error-rate-limit.json"), Map.of("Retry-After", at));
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(at).endsWith("GMT");
        assertThat(page.items()).isEmpty();
        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void shouldRetryAtOnceWhenRetryAfterDateIsPast() {
        // given
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(30).atOffset(ZoneOffset.UTC));
        simulator.failNext(1, 503, null, Map.of("Retry-After", past));
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(waits).containsExactly(Duration.ZERO);
    }

    @Test
    void shouldFallBackToBackoffWhenRetryAfterIsGarbage() {
        // given
        simulator.failNext(1, 429, fixture("error-rate-limit.json"), Map.of("Retry-After", "soon"));
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void shouldRetry500WithGrowingBackoffThenGiveUpAfterMaxAttempts() {
        // given
        simulator.failNext(100, 500, fixture("error-internal.json"), null);
        ArkApiClient client = client(simulator.baseUrl(), settings(4, Duration.ofMinutes(10)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("InternalServiceError").contains("500").contains("gave up after 4 attempts")
            .doesNotContain(API_KEY);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.errorCode()).isEqualTo("InternalServiceError");
        assertThat(e.retryable()).as("the verdict is final").isFalse();
        assertThat(simulator.requestCount()).isEqualTo(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_000));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(2_000), Duration.ofMillis(4_000));
        assertThat(waits.get(2)).isGreaterThan(waits.get(0));
    }

    @Test
    void shouldSucceedWhen5xxStopsBeforeMaxAttempts() {
        // given
        simulator.put(task("cgt-1", "m", "default", 1_743_414_000L));
        simulator.failNext(2, 503, HTML_502, Map.of("Content-Type", "text/html"));
        simulator.failNext(1, 500, fixture("error-internal.json"), null);
        ArkApiClient client = client(simulator.baseUrl(), settings(4, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(page.items()).hasSize(1);
        assertThat(waits).hasSize(3);
        assertThat(simulator.requestCount()).isEqualTo(4);
        assertThat(client.throttledCount()).as("no 429 among them").isZero();
        assertThat(client.throttledWait()).isZero();
    }

    @Test
    void shouldBoundTheTotalWaitByRetryMaxWait() {
        // given
        simulator.failNext(1_000, 503, fixture("error-internal.json"), null);
        Duration retryMaxWait = Duration.ofSeconds(10);
        ArkApiClient client = client(simulator.baseUrl(), settings(50, retryMaxWait));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("gave up after");
        Duration total = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isLessThanOrEqualTo(retryMaxWait);
        assertThat(simulator.requestCount()).isEqualTo(waits.size() + 1).isLessThan(50);
    }

    @Test
    void shouldGiveUpAtOnceWhenRetryAfterExceedsRetryMaxWait() {
        // given
        simulator.failNext(1, 429, fixture("error-rate-limit.json"), Map.of("Retry-After", "3600"));
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.getMessage()).contains("RateLimitExceeded.EndpointRPMExceeded");
        assertThat(waits).isEmpty();
        assertThat(simulator.requestCount()).isEqualTo(1);
    }

    @Test
    void shouldNotRetry400() {
        // given the real simulator answers 400 past its highest page_num
        simulator.setMaxPageNum(2);
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 3, 10));

        // then
        assertThat(e).isNotNull().isNotInstanceOf(ArkAuthenticationException.class);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("InvalidParameter.page_num");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("InvalidParameter.page_num").contains("page 3 of tier=default")
            .doesNotContain("gave up");
        assertThat(simulator.requestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    // ---------------------------------------------------------------- bodies that are not pages

    @Test
    void shouldReportHtmlSnippetOf502() {
        // given
        simulator.failNext(2, 502, HTML_502, Map.of("Content-Type", "text/html"));
        ArkApiClient client = client(simulator.baseUrl(), settings(2, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).contains("502").contains("<title>502 Bad Gateway</title>")
            .contains("gave up after 2 attempts");
        assertThat(waits).hasSize(1);
    }

    @Test
    void shouldReportHtmlSnippetOfA200AndNeverAnEmptyPage() {
        // given
        String html = "<!DOCTYPE html><html><head><title>Relay maintenance</title></head>"
                + "<body>Back soon</body></html>";
        simulator.failNext(10, 200, html, Map.of("Content-Type", "text/html; charset=utf-8"));
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("not a task page").contains("<title>Relay maintenance</title>");
    }

    @Test
    void shouldTruncateALongBodyInTheMessage() {
        // given
        String html = "<html><body>" + "x".repeat(100_000) + "</body></html>";
        simulator.failNext(1, 400, html, Map.of("Content-Type", "text/html"));
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("<html><body>xxx").hasSizeLessThan(1_000);
    }

    @Test
    void shouldReportTheErrorCodeOfA200WithAnErrorObject() {
        // given
        simulator.failNext(1, 200, "{\"error\":{\"code\":\"X\",\"message\":\"something odd\",\"param\":\"\","
                + "\"type\":\"BadRequest\"}}", null);
        ArkApiClient client = client(simulator.baseUrl(), settings(5, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.errorCode()).isEqualTo("X");
        assertThat(e.getMessage()).contains("X").contains("something odd");
        assertThat(simulator.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"total\":5}",
        "{}",
        "{\"total\":5,\"items\":null}",
        "{\"total\":5,\"items\":{\"id\":\"cgt-1\"}}",
        "{\"total\":5,\"data\":{\"items\":[]}}",
        "[]",
        "\"ok\"",
        "{\"total\":[5],\"items\":[]}"
    })
    void shouldFailOn200WithoutAnItemsArrayNeverReturningAnEmptyPage(String body) {
        // given
        simulator.failNext(10, 200, body, null);
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("not a task page");
    }

    @Test
    void shouldAcceptErrorNullAndUnknownTopLevelFields() {
        // given
        simulator.failNext(1, 200, "{\"error\":null,\"request_id\":\"r-1\",\"meta\":{\"a\":[1,{}]},"
                + "\"items\":[{\"id\":\"cgt-1\"}],\"total\":null}", null);
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(page.total()).isEqualTo(-1);
        assertThat(page.items()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2.0", "\"2\"" })
    void shouldAcceptAReEncodedTotal(String total) {
        // given
        simulator.failNext(1, 200, "{\"total\":" + total + ",\"items\":[{\"id\":\"cgt-1\"},{\"id\":\"cgt-2\"}]}", null);
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(page.items()).hasSize(2);
        assertThat(page.total()).isIn(2L, -1L);
    }

    @Test
    void shouldHandOddItemsToMappingAsJsonNodes() {
        // given
        simulator.failNext(1, 200, "{\"total\":4,\"items\":[null,42,\"x\",[1]]}", null);
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        TaskPageResponse page = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(page.items()).hasSize(4).doesNotContainNull();
        assertThat(page.items().get(0).isNull()).isTrue();
        assertThat(page.items().get(1).intValue()).isEqualTo(42);
    }

    @Test
    void shouldRetryATruncatedBody() {
        // given
        simulator.put(task("cgt-1", "m", "default", 1_743_414_000L));
        String page = fixture("page-two-items.json");
        simulator.failNext(1, 200, page.substring(0, page.length() / 2), null);
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        TaskPageResponse response = client.listTasks(ALL_DEFAULT, 1, 10);

        // then
        assertThat(response.items()).extracting(item -> item.get("id").stringValue()).containsExactly("cgt-1");
        assertThat(waits).hasSize(1);
        assertThat(simulator.requestCount()).isEqualTo(2);
    }

    @Test
    void shouldReportATruncatedBodyWhenItKeepsComing() {
        // given
        simulator.failNext(10, 200, "{\"total\":3,\"items\":[{\"id\":\"cgt-1\",", null);
        ArkApiClient client = client(simulator.baseUrl(), settings(3, Duration.ofMinutes(2)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("not valid JSON").contains("gave up after 3 attempts");
        assertThat(simulator.requestCount()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- the network

    @Test
    void shouldFailWithinRequestTimeoutWhenTheServerNeverAnswers() throws IOException {
        // given a server that accepts connections and then says nothing
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                }
                catch (IOException closed) {
                    return;
                }
            }
        }, "silent-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        closeAfterTest.add(() -> {
            silent.close();
            for (Socket socket : List.copyOf(accepted)) {
                socket.close();
            }
        });
        ArkApiClient client = client("http://127.0.0.1:" + silent.getLocalPort() + "/api/v3",
                new ArkApiClient.Settings(Duration.ofSeconds(1), Duration.ofMillis(300), 1, Duration.ofMinutes(1), 0));

        // when
        long start = System.nanoTime();
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(e).isNotNull();
        assertThat(e.retryable()).isTrue();
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).containsAnyOf("300 ms", "timed out").doesNotContain(API_KEY);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldFailWithinRequestTimeoutWhenTheBodyStalls() throws IOException {
        // given a server that sends headers and a little of the body, then stalls
        ExecutorService executor = Executors.newCachedThreadPool();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 10_000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"total\":1,\"items\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(30_000);
            }
            catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
        closeAfterTest.add(() -> {
            server.stop(0);
            executor.shutdownNow();
            executor.awaitTermination(2, TimeUnit.SECONDS);
        });
        ArkApiClient client = client("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3",
                new ArkApiClient.Settings(Duration.ofSeconds(1), Duration.ofMillis(300), 2, Duration.ofMinutes(1), 0));

        // when
        long start = System.nanoTime();
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("300 ms").contains("gave up after 2 attempts");
        assertThat(waits).hasSize(1);
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void shouldFailWhenTheConnectionIsRefused() throws IOException {
        // given a port nobody listens on
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ArkApiClient client = client("http://127.0.0.1:" + port + "/api/v3", settings(2, Duration.ofMinutes(1)));

        // when
        ArkApiException e = catchThrowableOfType(ArkApiException.class, () -> client.listTasks(ALL_DEFAULT, 1, 10));

        // then
        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("Could not reach").contains("127.0.0.1:" + port)
            .contains("gave up after 2 attempts").doesNotContain(API_KEY);
        assertThat(waits).hasSize(1);
    }

    // ---------------------------------------------------------------- ListingFilter

    @Test
    void shouldListSliceQueryParametersInStableOrder() {
        // given
        ListingFilter slice = new ListingFilter(" running ", "doubao-seedance", List.of("a", "b"), "flex");

        // when
        List<String[]> parameters = slice.queryParameters();

        // then
        assertThat(parameters).extracting(p -> p[0] + "=" + p[1]).containsExactly("filter.status=running",
                "filter.model=doubao-seedance", "filter.task_ids=a", "filter.task_ids=b", "filter.service_tier=flex");
    }

    @Test
    void shouldTreatBlankSliceFiltersAsAbsent() {
        // given
        ListingFilter slice = new ListingFilter("", "  ", null, " ");

        // then
        assertThat(slice.status()).isNull();
        assertThat(slice.model()).isNull();
        assertThat(slice.serviceTier()).isNull();
        assertThat(slice.taskIds()).isEmpty();
        assertThat(slice.queryParameters()).isEmpty();
        assertThat(slice.label()).isEqualTo("tier=(api default)");
    }

    @Test
    void shouldLabelASlice() {
        // given
        ListingFilter full = new ListingFilter("failed", "m-1", List.of("cgt-1", "cgt-2", "cgt-3"), "default");
        ListingFilter tierOnly = new ListingFilter(null, null, List.of(), "flex");

        // then
        assertThat(full.label()).isEqualTo("tier=default,status=failed,model=m-1,task_ids=3 ids from cgt-1");
        assertThat(tierOnly.label()).isEqualTo("tier=flex");
    }

    @Test
    void shouldCopyTaskIdsOfASlice() {
        // given
        List<String> ids = new ArrayList<>(List.of("cgt-1"));
        ListingFilter slice = new ListingFilter(null, null, ids, "flex");

        // when
        ids.add("cgt-2");

        // then
        assertThat(slice.taskIds()).containsExactly("cgt-1");
    }

    // ---------------------------------------------------------------- helpers

    private ArkApiClient.Settings settings(int maxAttempts, Duration retryMaxWait) {
        return new ArkApiClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), maxAttempts, retryMaxWait, 0);
    }

    private ArkApiClient client(String baseUrl, ArkApiClient.Settings settings) {
        return new ArkApiClient(baseUrl, API_KEY, settings, json, recordingSleeper, clock);
    }

    private static SimulatedTask task(String id, String model, String tier, long createdAt) {
        return new SimulatedTask(id, model, "succeeded", tier, createdAt, createdAt + 60, 100L, 100L,
                "https://example.test/" + id + ".mp4", null, null, null, false, "720p", "16:9", 5, 24, 1L, Map.of());
    }

    private static String fixture(String name) {
        try (InputStream in = ArkApiClientTest.class.getResourceAsStream("/fixtures/client/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

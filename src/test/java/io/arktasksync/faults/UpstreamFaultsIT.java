package io.arktasksync.faults;

import static io.arktasksync.faults.SyncAssertions.assertExact;
import static io.arktasksync.faults.SyncAssertions.assertFailedLoudlyWithNothingStored;
import static io.arktasksync.faults.SyncAssertions.lastRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole sync against an upstream that misbehaves: server errors, rate limits, relays answering HTML, bodies cut
 * short, 200s that are not pages, responses that hang. Transient faults are retried and the run ends exact; faults
 * that persist fail the run with exit 1 and a message in {@code ark.sync_runs} that names what came back, never an
 * empty sync that looks like success.
 */
class UpstreamFaultsIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final int TASKS = 60;

    /** Small pages and chunks so one sync makes many requests; a few attempts and short waits keep it quick. */
    private static final String[] FAST = { "--ark.page-size=10", "--ark.chunk-size=10", "--ark.max-attempts=4",
            "--ark.retry-max-wait=8s", "--ark.request-timeout=2s" };

    /** How long a hung answer would take: far beyond any bound the run keeps, so a hang could not go unnoticed. */
    private static final Duration HUNG = Duration.ofSeconds(60);

    /** For faults that persist: one retry (0.5 to 1 s of backoff), then give up. */
    private static final String[] PERSISTENT = with(FAST, "--ark.max-attempts=2");

    private static final String NGINX_502 = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            <hr><center>nginx</center>
            </body>
            </html>
            """;

    private static final String RELAY_LOGIN_PAGE = """
            <!DOCTYPE html><html><head><title>Relay console - sign in</title></head>
            <body><form action="/login"><input name="user"></form></body></html>
            """;

    private static final Map<String, String> HTML = Map.of("Content-Type", "text/html; charset=utf-8");

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private List<SimulatedTask> tasks;

    @BeforeEach
    void setUp() {
        tasks = SimulatedTaskGenerator.generate(TASKS, 101L, NOW);
        harness.api().putAll(tasks);
    }

    @Test
    void shouldEndExactWhenEveryThirdRequestFailsWith500Or502Or503() {
        // given: every 3rd request answers 500 (JSON), 502 (nginx HTML) or 503 (JSON, Retry-After: 1), in turn
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        harness.api().beforeEachRequest(() -> {
            if (requests.incrementAndGet() % 3 == 0) {
                switch (failures.getAndIncrement() % 3) {
                    case 0 -> harness.api().failNext(1, 500, apiError("InternalServiceError", "try again"), null);
                    case 1 -> harness.api().failNext(1, 502, NGINX_502, HTML);
                    default -> harness.api().failNext(1, 503, apiError("ServerOverloaded", "busy"),
                            Map.of("Retry-After", "1"));
                }
            }
        });

        // when
        int exitCode = harness.sync(FAST);

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
        assertThat(failures.get()).as("faults were served").isGreaterThanOrEqualTo(3);
        assertThat(lastRun(harness)).containsEntry("status", "COMPLETED").containsEntry("exit_code", 0);
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs")).as("one run, no restart needed").isEqualTo(1);
    }

    @Test
    void shouldWaitAsManySecondsAsRetryAfterSaysOnA429AndEndExact() {
        // given: the first request is throttled for 2 s, longer than the first backoff (at most 1 s) would wait
        List<Long> arrivals = recordArrivals();
        harness.api().failNext(1, 429, apiError("RateLimitExceeded.EndpointRPMExceeded", "slow down"),
                Map.of("Retry-After", "2"));

        // when
        int exitCode = harness.sync(sequential());

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).as("wait before the retry")
            .isGreaterThanOrEqualTo(Duration.ofMillis(1_950));
    }

    @Test
    void shouldWaitUntilTheHttpDateOfRetryAfterOnA429AndEndExact() {
        // given: Retry-After as an HTTP date 2 to 3 s ahead (HTTP dates have whole seconds)
        List<Long> arrivalMillis = Collections.synchronizedList(new ArrayList<>());
        harness.api().beforeEachRequest(() -> arrivalMillis.add(System.currentTimeMillis()));
        Instant retryAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        harness.api().failNext(1, 429, apiError("APIAccountRpmRateLimitExceeded", "slow down"),
                Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC))));

        // when
        int exitCode = harness.sync(sequential());

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
        assertThat(arrivalMillis.get(1)).as("the retry comes no earlier than the date the API named")
            .isGreaterThanOrEqualTo(retryAt.toEpochMilli() - 50);
    }

    @Test
    void shouldFailAtOnceNamingThe429WhenRetryAfterIsBeyondTheRetryBudget() {
        // given: the API asks for an hour, the run may wait 8 s per page
        harness.api().failNext(100, 429, apiError("QuotaExceeded", "come back later"), Map.of("Retry-After", "3600"));

        // when
        int exitCode = harness.sync(FAST);

        // then: no hour-long sleep, no empty success
        assertThat(runDuration()).as("the run's own duration").isLessThan(Duration.ofSeconds(15));
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("429").contains("QuotaExceeded").contains("come back later");
        assertThat(harness.api().requestCount()).as("not retried blindly").isLessThanOrEqualTo(3);
    }

    @Test
    void shouldRetryARelaysHtmlErrorPageAndEndExact() {
        // given
        harness.api().failNext(2, 502, NGINX_502, HTML);

        // when
        int exitCode = harness.sync(FAST);

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = { 200, 502 })
    void shouldFailNamingTheHtmlWhenARelayKeepsAnsweringHtml(int status) {
        // given
        harness.api().failNext(100, status, status == 200 ? RELAY_LOGIN_PAGE : NGINX_502, HTML);

        // when
        int exitCode = harness.sync(PERSISTENT);

        // then
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains(status == 200 ? "Relay console - sign in" : "502 Bad Gateway")
            .contains("page 1 of tier=default");
        if (status == 502) {
            assertThat(message).contains("HTTP 502");
        }
    }

    @Test
    void shouldRetryABodyCutShortInsideItsJsonAndEndExact() {
        // given: a relay that re-frames a broken upstream answer: valid HTTP, JSON cut in the middle of an item
        harness.api().failNext(2, 200, "{\"total\":" + TASKS + ",\"items\":[{\"id\":\"cgt-20261125", null);

        // when
        int exitCode = harness.sync(FAST);

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
    }

    @Test
    void shouldRetryABodyCutOnTheWireAndEndExact() {
        // given: the connection drops after half of the announced Content-Length
        harness.api().cutBodyNext(2);

        // when
        int exitCode = harness.sync(FAST);

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
    }

    @Test
    void shouldFailNamingTheCutBodyWhenEveryAnswerIsCutShort() {
        // given
        harness.api().failNext(100, 200, "{\"total\":" + TASKS + ",\"items\":[{\"id\":\"cgt-20261125", null);

        // when
        int exitCode = harness.sync(PERSISTENT);

        // then
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("not valid JSON").contains("{\"total\":" + TASKS + ",\"items\":[{\"id\":")
            .contains("gave up after 2 attempts");
    }

    @Test
    void shouldFailNamingTheDroppedConnectionWhenEveryAnswerIsCutOnTheWire() {
        // given
        harness.api().cutBodyNext(100);

        // when
        int exitCode = harness.sync(PERSISTENT);

        // then
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("page 1 of tier=default").contains("gave up after 2 attempts");
    }

    @Test
    void shouldRetryA200CarryingATransientErrorAndEndExact() {
        // given: a relay that wraps the API's 500 in a 200
        harness.api().failNext(2, 200, apiError("InternalServiceError", "upstream timed out"), null);

        // when
        int exitCode = harness.sync(FAST);

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
    }

    @Test
    void shouldFailNamingTheErrorWhenA200KeepsCarryingAnErrorObject() {
        // given
        harness.api().failNext(100, 200, apiError("ServerOverloaded", "upstream timed out"), null);

        // when
        int exitCode = harness.sync(PERSISTENT);

        // then
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("200").contains("ServerOverloaded").contains("upstream timed out")
            .contains("gave up after 2 attempts");
    }

    @Test
    void shouldFailAtOnceWhenA200CarriesAnErrorThatRetryingCannotFix() {
        // given
        harness.api().failNext(100, 200, apiError("InvalidParameter.page_size", "page_size is invalid"), null);

        // when
        int exitCode = harness.sync(PERSISTENT);

        // then
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("InvalidParameter.page_size").contains("page_size is invalid");
        assertThat(harness.api().requestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"total\":60}", "{\"total\":60,\"items\":null}", "[]" })
    void shouldFailNamingWhatCameBackWhenA200HasNoItems(String body) {
        // given
        harness.api().failNext(100, 200, body, null);

        // when
        int exitCode = harness.sync(PERSISTENT);

        // then
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("not a task page").contains(body);
    }

    @Test
    void shouldResumeExactAfterARunThatFailedOnGarbageHalfwayThrough() {
        // given: two good pages, then the relay answers a page without items until it is fixed
        assertThat(tasks.stream().filter(t -> t.serviceTier().equals("default")).count()).isGreaterThan(20);
        AtomicInteger requests = new AtomicInteger();
        harness.api().beforeEachRequest(() -> {
            if (requests.incrementAndGet() > 2) {
                harness.api().failNext(1, 200, "{\"total\":60,\"note\":\"maintenance\"}", null);
            }
        });
        int firstExit = harness.sync(sequential());
        assertThat(firstExit).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(20);
        assertThat(lastRun(harness)).containsEntry("status", "FAILED");
        assertThat((String) lastRun(harness).get("message")).contains("maintenance");
        harness.api().beforeEachRequest(null);

        // when
        int secondExit = harness.sync(sequential());

        // then
        assertThat(secondExit).isZero();
        assertExact(harness, tasks);
    }

    @Test
    void shouldNotHangWhenTheApiSendsNoAnswerAndEndExactOnceItAnswersAgain() {
        // given: the first two requests get no answer for a minute (the simulator cuts the wait short when it closes)
        AtomicInteger requests = new AtomicInteger();
        harness.api().beforeEachRequest(() -> {
            if (requests.incrementAndGet() <= 2) {
                sleep(HUNG);
            }
        });

        // when
        int exitCode = harness.sync(with(FAST, "--ark.request-timeout=500ms", "--ark.max-attempts=6",
                "--ark.retry-max-wait=30s"));

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
        assertThat(runDuration()).as("the run's own duration").isLessThan(HUNG.dividedBy(2));
    }

    @Test
    void shouldNotHangWhenTheApiStallsHalfwayThroughABody() {
        // given: headers and half a page arrive at once, the rest a minute later
        harness.api().stallBodyNext(2, HUNG);

        // when
        int exitCode = harness.sync(with(FAST, "--ark.request-timeout=500ms", "--ark.max-attempts=6",
                "--ark.retry-max-wait=30s"));

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
        assertThat(runDuration()).as("the run's own duration").isLessThan(HUNG.dividedBy(2));
    }

    @Test
    void shouldFailWithinTheRetryBudgetWhenTheApiNeverAnswers() {
        // given
        harness.api().setResponseDelay(HUNG);

        // when
        int exitCode = harness.sync(with(FAST, "--ark.request-timeout=500ms", "--ark.max-attempts=2"));

        // then
        assertThat(runDuration()).as("the run's own duration").isLessThan(HUNG.dividedBy(2));
        String message = assertFailedLoudlyWithNothingStored(harness, exitCode);
        assertThat(message).contains("No complete response within 500 ms").contains("page 1 of tier=default");
    }

    /** How long the last run took, start to finish, as recorded in ark.sync_runs (start-up not included). */
    private Duration runDuration() {
        return Duration.ofMillis(harness.count("""
                SELECT (extract(epoch FROM finished_at - started_at) * 1000)::bigint
                FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1
                """));
    }

    /** One request at a time and no pacing after a 429, so request order and gaps are the client's doing. */
    private static String[] sequential() {
        return with(FAST, "--ark.prefetch-pages=0", "--ark.max-requests-per-second=1000");
    }

    private List<Long> recordArrivals() {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        harness.api().beforeEachRequest(() -> arrivals.add(System.nanoTime()));
        return arrivals;
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String apiError(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"param\":\"\",\"type\":\"x\"}}";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulator closing", e);
        }
    }
}

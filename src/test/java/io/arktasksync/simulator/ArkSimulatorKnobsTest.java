package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ArkSimulatorKnobsTest {

    private ArkSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ArkSimulator.start("/api/v3", SimulatorClient.API_KEY);
        client = new SimulatorClient(simulator);
        for (int i = 1; i <= 6; i++) {
            simulator.put(TestTasks.succeeded("cgt-" + i, i * 100L));
        }
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldServeCannedResponseForTheNextRequestsThenRecover() {
        String body = "{\"error\":{\"code\":\"RateLimitExceeded.EndpointRPMExceeded\",\"message\":\"slow down\","
                + "\"param\":\"\",\"type\":\"TooManyRequests\"}}";
        simulator.failNext(2, 429, body, Map.of("Retry-After", "1"));

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = client.list("page_num=1&page_size=10");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.body()).isEqualTo(body);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        assertThat(client.list("page_num=1&page_size=10").statusCode()).isEqualTo(200);
        assertThat(simulator.requestCount()).isEqualTo(3);
    }

    @Test
    void shouldQueueSuccessiveFaultsInOrder() {
        simulator.failNext(1, 500, "{\"error\":{\"code\":\"InternalServiceError\"}}", null);
        simulator.failNext(1, 502, "<html><body>Bad Gateway</body></html>", Map.of("Content-Type", "text/html"));

        HttpResponse<String> first = client.list("page_num=1&page_size=10");
        HttpResponse<String> second = client.list("page_num=1&page_size=10");

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(second.body()).isEqualTo("<html><body>Bad Gateway</body></html>");
        assertThat(second.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(client.list("page_num=1&page_size=10").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeFaultWithoutBody() {
        simulator.failNext(1, 503, null, null);

        HttpResponse<String> response = client.list("page_num=1&page_size=10");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void shouldServeFaultEvenWithoutApiKey() {
        simulator.failNext(1, 403, "{\"error\":{\"code\":\"AccountOverdueError\"}}", null);

        assertThat(client.send(client.listRequest("").GET().build()).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRunHookBeforeEachRequestSoTestsCanMutateMidScan() {
        AtomicInteger calls = new AtomicInteger();
        simulator.beforeEachRequest(() -> {
            if (calls.incrementAndGet() == 2) {
                simulator.put(TestTasks.succeeded("cgt-newest", 10_000));
                simulator.remove("cgt-1");
            }
        });

        JsonNode first = client.listOk("page_num=1&page_size=3");
        JsonNode second = client.listOk("page_num=2&page_size=3");

        assertThat(calls).hasValue(2);
        assertThat(first.get("total").asLong()).isEqualTo(6);
        assertThat(SimulatorClient.ids(first)).containsExactly("cgt-6", "cgt-5", "cgt-4");
        assertThat(second.get("total").asLong()).isEqualTo(6);
        assertThat(SimulatorClient.ids(second)).containsExactly("cgt-4", "cgt-3", "cgt-2");
    }

    @Test
    void shouldSeeCurrentRequestCountedInsideHook() {
        List<Long> countsSeen = new ArrayList<>();
        simulator.beforeEachRequest(() -> countsSeen.add(simulator.requestCount()));

        client.list("page_num=1&page_size=1");
        client.list("page_num=2&page_size=1");
        simulator.beforeEachRequest(null);
        client.list("page_num=3&page_size=1");

        assertThat(countsSeen).containsExactly(1L, 2L);
    }

    @Test
    void shouldAnswer500WhenHookThrows() {
        simulator.beforeEachRequest(() -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> response = client.list("page_num=1&page_size=10");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(SimulatorClient.parse(response.body()).at("/error/code").asString())
                .isEqualTo("InternalServiceError");
    }

    @Test
    void shouldRecordRawQueriesInOrderAndReset() {
        client.list("page_num=1&page_size=10&filter.model=a%20b");
        client.list("");
        client.list("page_num=2&page_size=10&filter.task_ids=x&filter.task_ids=y");

        assertThat(simulator.requestCount()).isEqualTo(3);
        assertThat(simulator.requestQueries()).containsExactly(
                "page_num=1&page_size=10&filter.model=a%20b",
                "",
                "page_num=2&page_size=10&filter.task_ids=x&filter.task_ids=y");

        simulator.resetRequests();

        assertThat(simulator.requestCount()).isZero();
        assertThat(simulator.requestQueries()).isEmpty();
    }
}

package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ArkSimulatorPagingTest {

    private ArkSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ArkSimulator.start("/api/v3", SimulatorClient.API_KEY);
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldExposeBaseUrlWithPrefixAndNoTrailingSlash() {
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/api/v3");
        try (ArkSimulator relay = ArkSimulator.start("/volc/v1/", SimulatorClient.API_KEY)) {
            assertThat(relay.baseUrl()).isEqualTo("http://127.0.0.1:" + relay.port() + "/volc/v1");
            relay.put(TestTasks.succeeded("cgt-relay", 100));
            assertThat(new SimulatorClient(relay).ids("page_num=1&page_size=10")).containsExactly("cgt-relay");
        }
    }

    @Test
    void shouldPageThroughAllTasksWithTotalOnEveryPage() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = String.format("cgt-%03d", i);
            simulator.put(TestTasks.succeeded(id, 1_000 + i));
            expected.add(0, id);
        }

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = client.listOk("page_num=" + page + "&page_size=10");
            assertThat(body.get("total").asLong()).isEqualTo(25);
            seen.addAll(SimulatorClient.ids(body));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldAnswerEmptyItemsPastTheLastPage() {
        simulator.put(TestTasks.succeeded("cgt-only", 100));

        JsonNode body = client.listOk("page_num=2&page_size=10");

        assertThat(body.get("total").asLong()).isEqualTo(1);
        assertThat(body.get("items").isArray()).isTrue();
        assertThat(body.get("items").size()).isZero();
    }

    @Test
    void shouldAnswerTotalZeroForAnEmptyDataset() {
        HttpResponse<String> response = client.list("page_num=1&page_size=10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"total\":0,\"items\":[]}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void shouldOrderNewestFirstWithTiesByIdDescending() {
        simulator.put(TestTasks.succeeded("cgt-b", 200));
        simulator.put(TestTasks.succeeded("cgt-a", 200));
        simulator.put(TestTasks.succeeded("cgt-c", 200));
        simulator.put(TestTasks.succeeded("cgt-old", 100));
        simulator.put(TestTasks.succeeded("cgt-new", 300));

        assertThat(client.ids("page_num=1&page_size=10"))
                .containsExactly("cgt-new", "cgt-c", "cgt-b", "cgt-a", "cgt-old");
    }

    @Test
    void shouldUseDefaultPageSizeOfTenWhenOmitted() {
        for (int i = 0; i < 15; i++) {
            simulator.put(TestTasks.succeeded("cgt-" + i, i));
        }

        JsonNode body = client.listOk("");

        assertThat(body.get("total").asLong()).isEqualTo(15);
        assertThat(body.get("items").size()).isEqualTo(10);
    }

    @Test
    void shouldServeGeneratedDatasetInTheSameOrderAsTasksSnapshot() {
        simulator.putAll(SimulatedTaskGenerator.generate(300, 7, java.time.Instant.parse("2025-11-25T12:00:00Z")));
        List<String> expected = simulator.tasks().stream()
                .filter(task -> task.serviceTier().equals("default"))
                .sorted(Comparator.comparingLong(SimulatedTask::createdAt).reversed()
                        .thenComparing(SimulatedTask::id, Comparator.reverseOrder()))
                .map(SimulatedTask::id)
                .toList();

        List<String> seen = new ArrayList<>();
        for (int page = 1; seen.size() < expected.size(); page++) {
            seen.addAll(client.ids("page_num=" + page + "&page_size=50"));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldServeItemsExactlyAsToJsonRenders() {
        SimulatedTask task = SimulatedTaskGenerator.generate(1, 3, java.time.Instant.parse("2025-11-25T12:00:00Z"))
                .get(0);
        simulator.put(task);

        JsonNode body = client.listOk("page_num=1&page_size=1&filter.service_tier=" + task.serviceTier());

        String expected = SimulatorClient.MAPPER.writeValueAsString(task.toJson(SimulatorClient.MAPPER));
        assertThat(body.get("items").get(0)).isEqualTo(SimulatorClient.parse(expected));
    }
}

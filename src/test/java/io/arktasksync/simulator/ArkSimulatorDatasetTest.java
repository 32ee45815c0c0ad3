package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArkSimulatorDatasetTest {

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
    void shouldServeRawItemsVerbatimInCreationOrder() {
        simulator.put(TestTasks.succeeded("cgt-task", 500));
        simulator.putRaw("raw-string", "\"just a string\"", 600, "default");
        simulator.putRaw("raw-number", "42", 400, "default");
        simulator.putRaw("raw-wrong-types", "{\"id\":7,\"created_at\":\"yesterday\",\"usage\":[1]}", 300, "default");
        simulator.putRaw("raw-nul", "{\"id\":\"cgt-nul\",\"model\":\"a\\u0000b\"}", 200, "default");
        simulator.putRaw("raw-null", "null", 100, null);

        HttpResponse<String> response = client.list("page_num=1&page_size=10");

        assertThat(response.statusCode()).isEqualTo(200);
        String expectedTask = SimulatorClient.MAPPER.writeValueAsString(
                TestTasks.succeeded("cgt-task", 500).toJson(SimulatorClient.MAPPER));
        assertThat(response.body()).isEqualTo("{\"total\":6,\"items\":[\"just a string\"," + expectedTask + ",42,"
                + "{\"id\":7,\"created_at\":\"yesterday\",\"usage\":[1]},"
                + "{\"id\":\"cgt-nul\",\"model\":\"a\\u0000b\"},null]}");
    }

    @Test
    void shouldApplyOnlyTheTierFilterToRawItems() {
        simulator.put(TestTasks.task("cgt-flex", TestTasks.PRO, "succeeded", "flex", 100));
        simulator.putRaw("raw-flex", "{\"id\":\"raw-flex\"}", 200, "flex");
        simulator.putRaw("raw-default", "{\"id\":\"raw-default\"}", 200, "default");

        assertThat(client.listOk("page_num=1&page_size=10&filter.service_tier=flex").get("total").asLong())
                .isEqualTo(2);
        assertThat(client.listOk("page_num=1&page_size=10").get("total").asLong()).isEqualTo(1);
        assertThat(client.ids("page_num=1&page_size=10&filter.service_tier=flex&filter.status=succeeded"))
                .containsExactly("cgt-flex");
        assertThat(client.ids("page_num=1&page_size=10&filter.service_tier=flex&filter.model=" + TestTasks.PRO))
                .containsExactly("cgt-flex");
        assertThat(client.listOk("page_num=1&page_size=10&filter.service_tier=flex&filter.task_ids=raw-flex")
                .get("total").asLong()).isZero();
    }

    @Test
    void shouldReplaceByIdAndReorder() {
        simulator.put(TestTasks.succeeded("cgt-a", 100));
        simulator.put(TestTasks.succeeded("cgt-b", 200));

        SimulatedTask moved = TestTasks.succeeded("cgt-a", 300).withStatus("failed", 400);
        simulator.put(moved);

        assertThat(client.ids("page_num=1&page_size=10")).containsExactly("cgt-a", "cgt-b");
        assertThat(client.listOk("page_num=1&page_size=10").at("/items/0/status").asString()).isEqualTo("failed");
        assertThat(simulator.size()).isEqualTo(2);
    }

    @Test
    void shouldReplaceRawItemWithTaskAndBack() {
        simulator.putRaw("cgt-x", "\"raw\"", 100, "default");
        simulator.put(TestTasks.succeeded("cgt-x", 100));

        assertThat(client.ids("page_num=1&page_size=10")).containsExactly("cgt-x");
        assertThat(simulator.tasks()).hasSize(1);

        simulator.putRaw("cgt-x", "\"raw again\"", 100, "default");

        assertThat(simulator.tasks()).isEmpty();
        assertThat(simulator.size()).isEqualTo(1);
    }

    @Test
    void shouldRemoveTasksAndRawItems() {
        simulator.put(TestTasks.succeeded("cgt-a", 100));
        simulator.putRaw("raw", "1", 200, "default");

        simulator.remove("cgt-a");
        simulator.remove("raw");
        simulator.remove("never-there");

        assertThat(simulator.size()).isZero();
        assertThat(client.listOk("page_num=1&page_size=10").get("total").asLong()).isZero();
    }

    @Test
    void shouldSnapshotOnlyWellFormedTasks() {
        List<SimulatedTask> generated = SimulatedTaskGenerator.generate(50, 1, Instant.parse("2025-11-25T00:00:00Z"));
        simulator.putAll(generated);
        simulator.putRaw("raw", "{}", 0, "default");

        assertThat(simulator.size()).isEqualTo(51);
        assertThat(simulator.tasks()).containsExactlyInAnyOrderElementsOf(generated);
    }

    @Test
    void shouldLetTheLastDuplicateWinInPutAll() {
        simulator.putAll(List.of(TestTasks.succeeded("cgt-a", 100), TestTasks.succeeded("cgt-a", 200)));

        assertThat(simulator.tasks()).extracting(SimulatedTask::createdAt).containsExactly(200L);
    }

    @Test
    void shouldServeConcurrentRequests() throws Exception {
        simulator.putAll(SimulatedTaskGenerator.generate(2_000, 5, Instant.parse("2025-11-25T00:00:00Z")));
        long total = client.listOk("page_num=1&page_size=1").get("total").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> pages = new ArrayList<>();
            for (int page = 1; page <= (total + 99) / 100; page++) {
                int pageNum = page;
                pages.add(pool.submit(() -> new SimulatorClient(simulator)
                        .ids("page_num=" + pageNum + "&page_size=100")));
            }
            Set<String> seen = Collections.synchronizedSet(new HashSet<>());
            for (Future<List<String>> page : pages) {
                seen.addAll(page.get());
            }
            assertThat(seen).hasSize((int) total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldStopPromptlyOnClose() {
        ArkSimulator other = ArkSimulator.start("", SimulatorClient.API_KEY);
        long started = System.nanoTime();
        other.close();

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
    }
}

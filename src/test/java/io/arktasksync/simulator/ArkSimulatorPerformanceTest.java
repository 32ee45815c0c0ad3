package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;

/** The benchmark's scale: 250,000 tasks, read 500 at a time, must not make the simulator the bottleneck. */
class ArkSimulatorPerformanceTest {

    @Test
    @Timeout(120)
    void shouldServeTheFullBenchmarkDatasetInPagesOf500() {
        try (ArkSimulator simulator = ArkSimulator.start("/api/v3", SimulatorClient.API_KEY)) {
            simulator.putAll(SimulatedTaskGenerator.generate(250_000, 11, Instant.parse("2025-11-25T12:00:00Z")));
            SimulatorClient client = new SimulatorClient(simulator);
            Set<String> seen = new HashSet<>();

            long started = System.nanoTime();
            for (String tier : new String[] {"default", "flex"}) {
                for (int page = 1; ; page++) {
                    JsonNode body = client.listOk("page_num=" + page + "&page_size=500&filter.service_tier=" + tier);
                    if (body.get("items").isEmpty()) {
                        break;
                    }
                    seen.addAll(SimulatorClient.ids(body));
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(seen).hasSize(250_000);
            System.out.println("served 250,000 tasks in " + elapsed.toMillis() + " ms");
        }
    }
}

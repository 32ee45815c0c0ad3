package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The benchmark's scale: 250,000 tasks read 500 at a time must not make the simulator the bottleneck.
 * The client side streams the ids out of each page instead of building trees, so the test times the server.
 */
class ArkSimulatorPerformanceTest {

    @Test
    @Timeout(120)
    void shouldServeTheFullBenchmarkDatasetInPagesOf500() throws Exception {
        try (ArkSimulator simulator = ArkSimulator.start("/api/v3", SimulatorClient.API_KEY)) {
            simulator.putAll(SimulatedTaskGenerator.generate(250_000, 11, Instant.parse("2025-11-25T12:00:00Z")));
            SimulatorClient client = new SimulatorClient(simulator);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Set<String> seen = new HashSet<>();

            long started = System.nanoTime();
            for (String tier : new String[] {"default", "flex"}) {
                for (int page = 1; ; page++) {
                    HttpRequest request = client.listRequest("page_num=" + page + "&page_size=500&filter.service_tier="
                            + tier).header("Authorization", "Bearer " + SimulatorClient.API_KEY).GET().build();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(response.statusCode()).isEqualTo(200);
                    List<String> ids = itemIds(response.body());
                    if (ids.isEmpty()) {
                        break;
                    }
                    seen.addAll(ids);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(seen).hasSize(250_000);
            System.out.println("served 250,000 tasks in " + elapsed.toMillis() + " ms");
        }
    }

    /** The {@code id} of each item, read with a streaming parser (item objects sit at depth 2). */
    private static List<String> itemIds(byte[] body) {
        List<String> ids = new ArrayList<>();
        try (JsonParser parser = SimulatorClient.MAPPER.createParser(body)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.PROPERTY_NAME && depth == 3 && "id".equals(parser.currentName())) {
                    parser.nextToken();
                    ids.add(parser.getString());
                }
            }
        }
        return ids;
    }
}

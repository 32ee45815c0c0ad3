package io.arktasksync.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test-side HTTP client for the simulator: raw queries in, status and parsed body out. */
final class SimulatorClient {

    static final String API_KEY = "test-key";
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ArkSimulator simulator;

    SimulatorClient(ArkSimulator simulator) {
        this.simulator = simulator;
    }

    /** GET the list endpoint with the right key and this raw query ("" for none). */
    HttpResponse<String> list(String rawQuery) {
        return send(listRequest(rawQuery).header("Authorization", "Bearer " + API_KEY).GET().build());
    }

    HttpRequest.Builder listRequest(String rawQuery) {
        String query = rawQuery.isEmpty() ? "" : "?" + rawQuery;
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/contents/generations/tasks" + query))
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 200 list answer, parsed; fails the test on any other status. */
    JsonNode listOk(String rawQuery) {
        HttpResponse<String> response = list(rawQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    /** Ids of a page, in order. */
    List<String> ids(String rawQuery) {
        return ids(listOk(rawQuery));
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }
}

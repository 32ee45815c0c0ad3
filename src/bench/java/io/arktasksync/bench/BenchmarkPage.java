package io.arktasksync.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.arktasksync.client.ArkJsonMapper;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The input of the JMH benchmarks: one full page (500 items, the page size the sync asks for) of the simulator's
 * generated tasks, as the API body the sync parses. Same generator, seed and item layout as the full-sync benchmark,
 * so the mix of statuses, usage, errors and content URLs is the one that benchmark syncs.
 */
public final class BenchmarkPage {

    /** The page size the sync requests. */
    public static final int ITEMS = 500;

    private BenchmarkPage() {
    }

    /** The JSON mapper as the application configures it ({@link ArkJsonMapper}). */
    public static JsonMapper applicationMapper() {
        return ArkJsonMapper.create();
    }

    /** {@code {"total":N,"items":[...500 items...]}}, fixed for a given seed. */
    public static byte[] body(JsonMapper mapper) {
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(ITEMS, 42L, Instant.parse("2026-01-01T00:00:00Z"));
        ObjectNode page = mapper.createObjectNode();
        page.put("total", 250_000);
        ArrayNode items = page.putArray("items");
        for (SimulatedTask task : tasks) {
            items.add(task.toJson(mapper));
        }
        return mapper.writeValueAsString(page).getBytes(StandardCharsets.UTF_8);
    }
}

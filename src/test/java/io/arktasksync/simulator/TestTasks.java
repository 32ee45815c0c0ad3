package io.arktasksync.simulator;

import java.util.Map;

/** Compact constructors for hand-written test tasks; only the fields a test varies are parameters. */
final class TestTasks {

    static final String PRO = "doubao-seedance-1-0-pro-250528";
    static final String LITE = "doubao-seedance-1-0-lite-t2v-250428";

    private TestTasks() {
    }

    static SimulatedTask succeeded(String id, long createdAt) {
        return task(id, PRO, "succeeded", "default", createdAt);
    }

    static SimulatedTask task(String id, String model, String status, String tier, long createdAt) {
        boolean done = "succeeded".equals(status);
        return new SimulatedTask(id, model, status, tier, createdAt, createdAt + 60,
                done ? 108_900L : null, done ? 108_900L : null,
                done ? "https://example.test/" + id + ".mp4" : null, null,
                null, null, false,
                "720p", "16:9", 5, 24, 42L, Map.of());
    }
}

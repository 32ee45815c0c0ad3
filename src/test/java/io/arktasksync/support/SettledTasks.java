package io.arktasksync.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;

/**
 * Generated tasks where, as in real life, only the newest few are still queued or running: video tasks finish in
 * minutes, while the generator spreads 5% unfinished tasks over hours. Incremental-run measurements need the real
 * proportion, since every unfinished task is re-checked.
 */
public final class SettledTasks {

    private SettledTasks() {
    }

    public static List<SimulatedTask> generate(int count, long seed, Instant now, int keepUnfinished) {
        List<SimulatedTask> generated = new ArrayList<>(SimulatedTaskGenerator.generate(count, seed, now));
        generated.sort(Comparator.comparingLong(SimulatedTask::createdAt).reversed());
        int unfinished = 0;
        for (int i = 0; i < generated.size(); i++) {
            SimulatedTask task = generated.get(i);
            boolean isUnfinished = task.status().equals("queued") || task.status().equals("running");
            if (isUnfinished && ++unfinished > keepUnfinished) {
                generated.set(i, task.withStatus("succeeded", task.updatedAt() + 60)
                    .withUsage(1_000L, 1_000L, task.updatedAt() + 60));
            }
        }
        return generated;
    }
}

package io.arktasksync.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.simulator.TaskLifecycle;

/**
 * The demo's simulated account at a given step: a function of (tasks, epoch, step) only, so that the same database
 * is served the same tasks on every run. Step 0 is the account at the epoch; each later step is one simulated
 * {@link #STEP} on, in which queued tasks start, running ones finish (most succeed, some fail) and new tasks are
 * submitted. No task ever leaves the listing, so no run may mark one gone.
 */
public final class DemoWorld {

    /** Simulated time between two demo runs. */
    public static final Duration STEP = Duration.ofHours(1);

    private static final long SEED = 42L;

    private DemoWorld() {
    }

    /**
     * @param tasks tasks at step 0 (the first ones stay the same whatever the count: the generator is sequential)
     * @param epoch the moment of step 0, fixed per database
     * @param step completed demo runs so far
     */
    public static List<SimulatedTask> at(int tasks, Instant epoch, int step) {
        List<SimulatedTask> world = new ArrayList<>(SimulatedTaskGenerator.generate(tasks, SEED, epoch));
        Set<String> ids = new HashSet<>();
        world.forEach(task -> ids.add(task.id()));
        for (int s = 1; s <= step; s++) {
            advance(world, ids, tasks, epoch.getEpochSecond() + (s - 1) * STEP.toSeconds(), new Random(SEED * 31 + s));
        }
        return world;
    }

    /** The simulated moment of a step. */
    public static Instant time(Instant epoch, int step) {
        return epoch.plus(STEP.multipliedBy(step));
    }

    private static void advance(List<SimulatedTask> world, Set<String> ids, int tasks, long from, Random random) {
        long step = STEP.toSeconds();
        for (int i = 0; i < world.size(); i++) {
            SimulatedTask task = world.get(i);
            long at = from + 1 + (long) (random.nextDouble() * (step - 1));
            if (at <= task.updatedAt()) {
                continue;
            }
            double roll = random.nextDouble();
            if ("queued".equals(task.status()) && roll < 0.6) {
                world.set(i, task.withStatus("running", at));
            }
            else if ("running".equals(task.status()) && roll < 0.6) {
                world.set(i, roll < 0.54 ? TaskLifecycle.succeeded(task, at, random) : TaskLifecycle.failed(task, at));
            }
        }
        // About one new task per hundred an hour: a busy account, and visible at any --demo-tasks.
        int submitted = Math.max(1, tasks / 100);
        List<SimulatedTask> templates = SimulatedTaskGenerator.generate(submitted, random.nextLong(),
                Instant.ofEpochSecond(from + step));
        for (SimulatedTask template : templates) {
            long createdAt = from + 1 + (long) (random.nextDouble() * (step - 1));
            SimulatedTask task = TaskLifecycle.submitted(template, createdAt, random);
            while (!ids.add(task.id())) {
                task = TaskLifecycle.submitted(template, createdAt, random);
            }
            world.add(task);
        }
    }
}

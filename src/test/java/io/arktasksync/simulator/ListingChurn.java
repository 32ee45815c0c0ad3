package io.arktasksync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A listing that churns with every list request, as during a mass cancel: before each request, {@code added} new
 * tasks enter at the head, {@code moved} unfinished tasks move along their lifecycle ({@code queued -> running ->
 * succeeded}), and {@code deleted} tasks at random positions are purged. Per request rather than per second, so
 * that a test is as harsh on a fast machine as on a slow one. Records what it added and deleted, so a test can tell
 * which tasks lived through a run. Off until {@link #start}; thread-safe.
 */
public final class ListingChurn {

    private int added;

    private int moved;

    private int deleted;

    private Random random;

    private long clock;

    private int counter;

    private final Set<String> addedIds = new LinkedHashSet<>();

    private final Set<String> deletedIds = new LinkedHashSet<>();

    /**
     * @param newestCreatedAt {@code created_at} of the newest task now listed: new tasks are created after it
     */
    public synchronized void start(int addedPerRequest, int movedPerRequest, int deletedPerRequest, long seed,
            long newestCreatedAt) {
        added = addedPerRequest;
        moved = movedPerRequest;
        deleted = deletedPerRequest;
        random = new Random(seed);
        clock = newestCreatedAt;
    }

    public synchronized void stop() {
        random = null;
    }

    public synchronized Set<String> addedIds() {
        return Set.copyOf(addedIds);
    }

    public synchronized Set<String> deletedIds() {
        return Set.copyOf(deletedIds);
    }

    synchronized void beforeListing(TaskStore store) {
        if (random == null) {
            return;
        }
        List<SimulatedTask> tasks = new ArrayList<>(store.tasks());
        for (int i = 0; i < added && !tasks.isEmpty(); i++) {
            SimulatedTask template = tasks.get(random.nextInt(tasks.size()));
            long createdAt = ++clock;
            String id = String.format("cgt-churn-%06d", ++counter);
            store.put(new SimulatedTask(id, template.model(), "queued", template.serviceTier(), createdAt, createdAt,
                    null, null, null, null, null, null, false, "720p", "16:9", 5, 24, 1L, Map.of()));
            addedIds.add(id);
        }
        for (int i = 0; i < moved && !tasks.isEmpty(); i++) {
            SimulatedTask task = tasks.get(random.nextInt(tasks.size()));
            String next = switch (task.status()) {
                case "queued" -> "running";
                case "running" -> "succeeded";
                default -> null;
            };
            if (next != null) {
                store.put(task.withStatus(next, Math.max(task.updatedAt(), clock)));
            }
        }
        for (int i = 0; i < deleted && !tasks.isEmpty(); i++) {
            SimulatedTask victim = tasks.remove(random.nextInt(tasks.size()));
            store.remove(victim.id());
            deletedIds.add(victim.id());
        }
    }
}

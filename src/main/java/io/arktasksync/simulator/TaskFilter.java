package io.arktasksync.simulator;

import java.util.Set;

/**
 * The {@code filter.*} part of a list request, already validated and defaulted.
 *
 * <p>A record so that it can key the per-snapshot cache of matching positions.
 *
 * @param status      exact status, or null for any
 * @param model       exact model, or null for any
 * @param serviceTier never null: an omitted tier means {@code default}, the real API's trap
 * @param taskIds     exact ids; empty for any
 */
record TaskFilter(String status, String model, String serviceTier, Set<String> taskIds) {

    TaskFilter {
        taskIds = Set.copyOf(taskIds);
    }

    boolean matches(StoredItem item) {
        if (!serviceTier.equals(item.serviceTier())) {
            return false;
        }
        if (item.isRaw()) {
            return status == null && model == null && taskIds.isEmpty();
        }
        SimulatedTask task = item.task();
        return (status == null || status.equals(task.status()))
                && (model == null || model.equals(task.model()))
                && (taskIds.isEmpty() || taskIds.contains(task.id()));
    }
}

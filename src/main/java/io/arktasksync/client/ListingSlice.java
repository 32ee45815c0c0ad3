package io.arktasksync.client;

import java.util.ArrayList;
import java.util.List;

/**
 * One combination of {@code filter.*} parameters that the job pages through from page 1. A sync reads several
 * slices: at least both service tiers, because a listing without {@code filter.service_tier} returns only
 * {@code default} tasks.
 *
 * @param status exact status or null
 * @param model exact model/endpoint id or null
 * @param taskIds exact ids (empty for all)
 * @param serviceTier {@code default}, {@code flex}, or null to leave it to the API (which means {@code default})
 */
public record ListingSlice(String status, String model, List<String> taskIds, String serviceTier) {

    public ListingSlice {
        status = blankToNull(status);
        model = blankToNull(model);
        serviceTier = blankToNull(serviceTier);
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

    /** The query parameters of this slice, in a stable order, not yet URL-encoded. */
    public List<String[]> queryParameters() {
        List<String[]> parameters = new ArrayList<>();
        if (status != null) {
            parameters.add(new String[] { "filter.status", status });
        }
        if (model != null) {
            parameters.add(new String[] { "filter.model", model });
        }
        for (String id : taskIds) {
            parameters.add(new String[] { "filter.task_ids", id });
        }
        if (serviceTier != null) {
            parameters.add(new String[] { "filter.service_tier", serviceTier });
        }
        return parameters;
    }

    /** A short label for logs, the ledger and task_rejects, e.g. {@code tier=flex,status=running}. */
    public String label() {
        List<String> parts = new ArrayList<>();
        parts.add("tier=" + (serviceTier == null ? "(api default)" : serviceTier));
        if (status != null) {
            parts.add("status=" + status);
        }
        if (model != null) {
            parts.add("model=" + model);
        }
        if (!taskIds.isEmpty()) {
            parts.add("task_ids=" + taskIds.size() + " ids from " + taskIds.get(0));
        }
        return String.join(",", parts);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package io.arktasksync.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code filter.*} parameters of one listing request: what the API is asked, nothing about how the job reads it
 * (the job's listing, with its read-down-to floor and restart encoding, is {@code job.reader.ListingSlice}).
 *
 * @param status exact status or null
 * @param model exact model name or endpoint id ({@code ep-...}), or null
 * @param taskIds exact ids (empty for all)
 * @param serviceTier {@code default}, {@code flex}, or null to leave it to the API (which means {@code default})
 */
public record ListingFilter(String status, String model, List<String> taskIds, String serviceTier) {

    public ListingFilter {
        status = blankToNull(status);
        model = blankToNull(model);
        serviceTier = blankToNull(serviceTier);
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

    /** The query parameters of this filter, in a stable order, not yet URL-encoded. */
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

    /** The query string of one page of this listing, URL-encoded: paging first, then the filters. */
    public String query(int pageNum, int pageSize) {
        List<String[]> parameters = new ArrayList<>();
        parameters.add(new String[] { "page_num", Integer.toString(pageNum) });
        parameters.add(new String[] { "page_size", Integer.toString(pageSize) });
        parameters.addAll(queryParameters());
        StringBuilder query = new StringBuilder();
        for (String[] parameter : parameters) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(URLEncoder.encode(parameter[0], StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(parameter[1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** A short label for logs and error messages, e.g. {@code tier=flex,status=running}. */
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

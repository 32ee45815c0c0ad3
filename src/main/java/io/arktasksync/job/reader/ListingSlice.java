package io.arktasksync.job.reader;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.arktasksync.client.ListingFilter;

/**
 * One listing the job pages through from page 1: an API filter ({@link #filter()}) and how far down to read it. A sync reads several
 * slices: at least both service tiers, because a listing without {@code filter.service_tier} returns only
 * {@code default} tasks.
 *
 * @param status exact status or null
 * @param model exact model/endpoint id or null
 * @param taskIds exact ids (empty for all)
 * @param serviceTier {@code default}, {@code flex}, or null to leave it to the API (which means {@code default})
 * @param createdFrom read only until a page reaches tasks created before this Unix second (incremental runs read
 *        the head of the listing); null to read the whole listing. Not an API filter: the reader applies it.
 */
public record ListingSlice(String status, String model, List<String> taskIds, String serviceTier, Long createdFrom) {

    public ListingSlice(String status, String model, List<String> taskIds, String serviceTier) {
        this(status, model, taskIds, serviceTier, null);
    }

    public ListingSlice {
        status = blankToNull(status);
        model = blankToNull(model);
        serviceTier = blankToNull(serviceTier);
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

    /** What the API is asked for this listing. */
    public ListingFilter filter() {
        return new ListingFilter(status, model, taskIds, serviceTier);
    }

    /** A short label for logs, the ledger and task_rejects, e.g. {@code tier=flex,status=running}. */
    public String label() {
        String label = filter().label();
        return createdFrom == null ? label : label + ",created_from=" + java.time.Instant.ofEpochSecond(createdFrom);
    }

    /** The same listing narrowed to one status. */
    public ListingSlice withStatus(String newStatus) {
        return new ListingSlice(newStatus, model, taskIds, serviceTier, createdFrom);
    }

    /** The same listing narrowed to one model. */
    public ListingSlice withModel(String newModel) {
        return new ListingSlice(status, newModel, taskIds, serviceTier, createdFrom);
    }

    /** The same listing, read only down to tasks created at {@code epochSecond}. */
    public ListingSlice withCreatedFrom(Long epochSecond) {
        return new ListingSlice(status, model, taskIds, serviceTier, epochSecond);
    }

    /** One line that {@link #decode} reads back; for the restart state in the job repository. */
    public String encode() {
        List<String> ids = taskIds.stream().map(ListingSlice::escape).toList();
        return String.join("\t", escape(status), escape(model), escape(serviceTier), String.join(",", ids),
                createdFrom == null ? "" : createdFrom.toString());
    }

    public static ListingSlice decode(String line) {
        String[] parts = line.split("\t", -1);
        List<String> ids = parts[3].isEmpty() ? List.of()
                : Arrays.stream(parts[3].split(",")).map(ListingSlice::unescape).toList();
        Long createdFrom = parts.length > 4 && !parts[4].isEmpty() ? Long.valueOf(parts[4]) : null;
        return new ListingSlice(unescape(parts[0]), unescape(parts[1]), ids, unescape(parts[2]), createdFrom);
    }

    /** URL-encoding keeps tabs and commas inside values from breaking {@link #encode}'s separators. */
    private static String escape(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

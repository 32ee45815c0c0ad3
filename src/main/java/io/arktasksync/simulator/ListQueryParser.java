package io.arktasksync.simulator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Turns a raw query string into a {@link ListQuery}, with the real API's ranges and defaults.
 *
 * <p>Why the defaults matter: the client under test must not depend on them, and the simulator makes the
 * dangerous one visible: an omitted {@code filter.service_tier} means {@code default}, so flex tasks are not
 * listed. An omitted {@code page_size} gives 10 (the real default is undocumented). Empty filter values count
 * as omitted. A repeated single-valued parameter uses its first value; {@code filter.task_ids} repeats.
 */
final class ListQueryParser {

    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 10;
    static final String DEFAULT_TIER = "default";
    static final Set<String> TIERS = Set.of(DEFAULT_TIER, "flex");

    private final IntSupplier maxPageNum;

    /** @param maxPageNum read per request, so the knob can change while the server runs */
    ListQueryParser(IntSupplier maxPageNum) {
        this.maxPageNum = maxPageNum;
    }

    /** @throws ApiErrorException with a 400 for anything the real API would reject */
    ListQuery parse(String rawQuery) {
        Map<String, List<String>> parameters;
        try {
            parameters = QueryString.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            throw new ApiErrorException(ApiError.invalidQuery(String.valueOf(e.getMessage())));
        }
        int pageNum = intInRange(parameters, "page_num", 1, maxPageNum.getAsInt());
        int pageSize = intInRange(parameters, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        TaskFilter filter = new TaskFilter(
                optional(parameters, "filter.status"),
                optional(parameters, "filter.model"),
                serviceTier(parameters),
                taskIds(parameters));
        return new ListQuery(pageNum, pageSize, filter);
    }

    private static int intInRange(Map<String, List<String>> parameters, String name, int absent, int max) {
        List<String> values = parameters.get(name);
        if (values == null) {
            return absent;
        }
        String why = "must be an integer between 1 and " + max;
        int value;
        try {
            value = Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw new ApiErrorException(ApiError.invalidParameter(name, why));
        }
        if (value < 1 || value > max) {
            throw new ApiErrorException(ApiError.invalidParameter(name, why));
        }
        return value;
    }

    private static String optional(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    private static String serviceTier(Map<String, List<String>> parameters) {
        String tier = optional(parameters, "filter.service_tier");
        if (tier == null) {
            return DEFAULT_TIER;
        }
        if (!TIERS.contains(tier)) {
            throw new ApiErrorException(ApiError.invalidParameter("filter.service_tier",
                    "must be one of default, flex"));
        }
        return tier;
    }

    private static Set<String> taskIds(Map<String, List<String>> parameters) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : parameters.getOrDefault("filter.task_ids", List.of())) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }
}

package io.arktasksync.job.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.arktasksync.job.reader.ListingSlice;
import io.arktasksync.config.AccountSettings;

/**
 * Turns the configured filters into the listings a sync pages through.
 * <ul>
 * <li>No tier configured: both {@code default} and {@code flex}, because the API's default hides flex tasks.</li>
 * <li>Task ids: in batches of {@value #TASK_IDS_PER_REQUEST}; the API documents no maximum, and long query
 * strings fail at proxies first.</li>
 * </ul>
 */
public final class ListingPlan {

    static final int TASK_IDS_PER_REQUEST = 100;

    private static final List<String> ALL_TIERS = List.of("default", "flex");

    private ListingPlan() {
    }

    /**
     * Whether the listings cover whole tiers: no status, model or task id filter narrows them. Only then can an
     * incremental run stand in for a full one, and a task not listed be gone upstream.
     */
    public static boolean wholeTiers(AccountSettings.Filter filter) {
        return (filter.status() == null || filter.status().isBlank())
                && (filter.model() == null || filter.model().isBlank()) && filter.taskIds().isEmpty();
    }

    /** The tiers the listings read, by their stored name ({@code default} for the API's default). */
    public static Set<String> tiers(AccountSettings.Filter filter) {
        return slices(filter).stream().map(ListingPlan::tierName).collect(Collectors.toSet());
    }

    static String tierName(ListingSlice slice) {
        return slice.serviceTier() == null ? "default" : slice.serviceTier();
    }

    static List<ListingSlice> slices(AccountSettings.Filter filter) {
        List<String> tiers = filter.serviceTier() == null ? ALL_TIERS : List.of(filter.serviceTier().apiValue());
        List<List<String>> idBatches = new ArrayList<>();
        if (filter.taskIds().isEmpty()) {
            idBatches.add(List.of());
        }
        for (int from = 0; from < filter.taskIds().size(); from += TASK_IDS_PER_REQUEST) {
            idBatches.add(filter.taskIds().subList(from, Math.min(from + TASK_IDS_PER_REQUEST, filter.taskIds().size())));
        }
        List<ListingSlice> slices = new ArrayList<>();
        for (String tier : tiers) {
            for (List<String> ids : idBatches) {
                slices.add(new ListingSlice(filter.status(), filter.model(), ids, tier));
            }
        }
        return slices;
    }
}

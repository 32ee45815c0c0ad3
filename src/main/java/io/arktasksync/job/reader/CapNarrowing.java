package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.arktasksync.client.JsonText;

import tools.jackson.databind.JsonNode;

/**
 * Reaching past what paging reaches. A listing whose tasks cannot all be paged to (its total exceeds
 * {@code maxPageNum x pageSize}, or its upstream ignores {@code page_num} so only one page is reachable) is also read
 * as narrower listings: one per status ({@code filter.status}), and for a status listing still too big, one per
 * model ({@code filter.model}): the models stored or seen, and the configured endpoint ids ({@code ep-...}, what
 * Volcengine's {@code filter.model} takes). It then counts what none of them can return: out of reach.
 */
final class CapNarrowing {

    /** Statuses the API can filter on; {@code expired} and newer statuses cannot be isolated. */
    static final List<String> FILTERABLE_STATUSES = List.of("queued", "running", "cancelled", "succeeded", "failed");

    private final Supplier<Collection<String>> storedModels;

    private final List<String> endpointIds;

    private final Set<String> modelsSeen = new LinkedHashSet<>();

    /** Listings split into narrower ones, by index in the reader's list of listings. */
    private final Map<Integer, NarrowedListing> narrowings = new LinkedHashMap<>();

    CapNarrowing(Supplier<Collection<String>> storedModels, List<String> endpointIds) {
        this.storedModels = storedModels;
        this.endpointIds = List.copyOf(endpointIds);
    }

    boolean isNarrowed(int listing) {
        return narrowings.containsKey(listing);
    }

    /** Whether the listing is a narrower listing of another. */
    boolean isNarrower(int listing) {
        return narrowings.values().stream().anyMatch(narrowed -> narrowed.hasChild(listing));
    }

    /**
     * Splits listing {@code index} into narrower listings, appended to {@code listings} unless already there.
     *
     * @return how many listings were added; 0 also when the listing cannot be narrowed further (status and model set,
     *         an incremental head listing, or task ids)
     */
    int split(int index, List<ListingSlice> listings, long total) {
        ListingSlice listing = listings.get(index);
        if (narrowings.containsKey(index) || listing.createdFrom() != null || !listing.taskIds().isEmpty()) {
            return 0;
        }
        String field;
        Set<String> values;
        if (listing.status() == null) {
            field = "status";
            values = new LinkedHashSet<>(FILTERABLE_STATUSES);
        }
        else if (listing.model() == null) {
            field = "model";
            values = new LinkedHashSet<>(storedModels.get());
            values.addAll(modelsSeen);
            values.addAll(endpointIds);
        }
        else {
            return 0;
        }
        List<Integer> children = new ArrayList<>();
        int added = 0;
        for (String value : values) {
            ListingSlice child = "status".equals(field) ? listing.withStatus(value) : listing.withModel(value);
            int childIndex = listings.indexOf(child);
            if (childIndex < 0) {
                listings.add(child);
                childIndex = listings.size() - 1;
                added++;
            }
            children.add(childIndex);
        }
        narrowings.put(index, new NarrowedListing(index, field, values, children, total));
        return added;
    }

    /** A listing's total as read: the first one of a narrower listing is what its parent's count needs. */
    void totalSeen(int listing, long total) {
        for (NarrowedListing narrowed : narrowings.values()) {
            narrowed.listingTotalSeen(listing, total);
        }
    }

    /** Remembers the models of items read (candidates for narrowing) and counts items no narrower listing covers. */
    void itemsRead(int listing, int page, List<JsonNode> items, boolean repaired) {
        for (JsonNode item : items) {
            JsonNode model = item.get("model");
            if (model != null && model.isString() && modelsSeen.size() < 10_000) {
                modelsSeen.add(model.stringValue());
            }
        }
        NarrowedListing narrowed = narrowings.get(listing);
        if (narrowed == null) {
            return;
        }
        long uncovered = 0;
        for (JsonNode item : items) {
            if (!narrowed.covers(JsonText.of(item.get(narrowed.field())))) {
                uncovered++;
            }
        }
        if (repaired) {
            narrowed.uncoveredRepaired(page, uncovered);
        }
        else {
            narrowed.uncoveredOnPage(page, uncovered);
        }
    }

    /**
     * A narrowed listing's tasks that no narrower listing can return (a status the API cannot filter on, such as
     * {@code expired}; a model not known when the listing was split) are reachable only within its own reachable
     * pages. Those beyond are out of reach: its total minus its narrower listings' totals, less the uncovered tasks
     * its own pages did show.
     *
     * @return out-of-reach count by listing index, only listings with some
     */
    Map<Integer, Long> outOfReach() {
        Map<Integer, Long> result = new LinkedHashMap<>();
        for (NarrowedListing narrowed : narrowings.values()) {
            long unreachable = narrowed.outOfReach();
            if (unreachable > 0) {
                result.put(narrowed.listing(), unreachable);
            }
        }
        return result;
    }

    /** The narrowings as restart state, one line each. */
    List<String> encode() {
        return narrowings.values().stream().map(NarrowedListing::encode).toList();
    }

    void restore(List<String> encoded) {
        for (String line : encoded) {
            NarrowedListing narrowed = NarrowedListing.decode(line);
            narrowings.put(narrowed.listing(), narrowed);
        }
    }
}

package io.arktasksync.simulator;

import java.util.List;

/**
 * The answer to one list request before it is rendered: what {@code total} says and the page's items.
 *
 * @param total number of entries matching the filter across all pages
 * @param items serialized items of the requested page, in order
 * @param stretches for each item, by index, the filler streamed into it, or null
 */
record Page(long total, List<byte[]> items, List<StoredItem.Stretch> stretches) {

    Page {
        items = List.copyOf(items);
        stretches = stretches == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(stretches));
    }

    Page(long total, List<byte[]> items) {
        this(total, items, null);
    }

    /** Whether any item has filler streamed into it. */
    boolean stretched() {
        return stretches != null && stretches.stream().anyMatch(java.util.Objects::nonNull);
    }

    StoredItem.Stretch stretch(int index) {
        return stretches == null ? null : stretches.get(index);
    }
}

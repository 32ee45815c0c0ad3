package io.arktasksync.simulator;

import java.util.List;

/**
 * The answer to one list request before it is rendered: what {@code total} says and the page's items.
 *
 * @param total number of entries matching the filter across all pages
 * @param items serialized items of the requested page, in order
 */
record Page(long total, List<byte[]> items) {

    Page {
        items = List.copyOf(items);
    }
}

package io.arktasksync.client;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One page of {@code GET /contents/generations/tasks}.
 *
 * @param total tasks matching the filter across all pages, as the API reported it for this request
 * @param items the page's items exactly as parsed; not validated here (mapping decides what is usable)
 * @param itemDigests for each item, at the same index, the {@link ReceivedDigest} of its bytes as received; null
 *        where there is none (an item that is not an object)
 */
public record TaskPageResponse(long total, List<JsonNode> items, List<UUID> itemDigests) {

    public TaskPageResponse {
        if (itemDigests.size() != items.size()) {
            throw new IllegalArgumentException(
                    itemDigests.size() + " digests for " + items.size() + " items: they go by index");
        }
    }

    /** A page whose items come without digests (built in memory rather than received). */
    public TaskPageResponse(long total, List<JsonNode> items) {
        this(total, items, Collections.nCopies(items.size(), null));
    }
}

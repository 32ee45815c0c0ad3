package io.arktasksync.mapping;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One element of a page's {@code items} array as received, with where it came from.
 *
 * @param item the element, any JSON value (mapping decides whether it is a usable task)
 * @param slice label of the listing it was read from
 * @param serviceTier the tier that listing asked for, used when the item does not say
 * @param pageNum the page it was on
 * @param receivedDigest the {@link io.arktasksync.client.ReceivedDigest} of its bytes as received, null when unknown
 */
public record RawTaskItem(JsonNode item, String slice, String serviceTier, int pageNum, UUID receivedDigest) {

    /** An item without a digest of its bytes (built in memory rather than received). */
    public RawTaskItem(JsonNode item, String slice, String serviceTier, int pageNum) {
        this(item, slice, serviceTier, pageNum, null);
    }
}

package io.arktasksync.client;

import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What a read of a page body found, before it is judged a page ({@link TaskPageParser}).
 *
 * @param total null when the body had none
 * @param items null when the body had no items array
 * @param digests the items' {@link ReceivedDigest}s by index
 * @param error the body's {@code error} member, null when none
 */
record PageFields(Long total, List<JsonNode> items, List<UUID> digests, JsonNode error) {
}

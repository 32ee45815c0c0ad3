package io.arktasksync.client;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One page of {@code GET /contents/generations/tasks}.
 *
 * @param total tasks matching the filter across all pages, as the API reported it for this request
 * @param items the page's items exactly as parsed; not validated here (mapping decides what is usable)
 */
public record TaskPageResponse(long total, List<JsonNode> items) {
}

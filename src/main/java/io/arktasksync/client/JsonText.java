package io.arktasksync.client;

import tools.jackson.databind.JsonNode;

/** Text of any JSON node for messages and ids: Jackson 3 refuses {@code asString()} on arrays and objects. */
public final class JsonText {

    private JsonText() {
    }

    /** null for a missing or null node, the value of a scalar, the JSON of a container. */
    public static String of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}

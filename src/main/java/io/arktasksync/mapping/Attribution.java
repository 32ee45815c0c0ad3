package io.arktasksync.mapping;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The fields callers charge cost back by ({@code safety_identifier}, {@code priority}, {@code draft},
 * {@code generate_audio}, the types of {@code tools}), read leniently: a value of another shape than expected is
 * left in {@code raw} and its column stays null. Unlike the fields a task is stored by, none of these makes the item a
 * reject, because losing a task's tokens over a label would cost more than a missing label. The rules are repeated in
 * SQL by {@code db/V17__price_dimensions_and_cost_attribution.sql} for tasks stored before the columns existed.
 *
 * @param toolTypes the {@code type} of every object of {@code tools} that has a text one, in order; null without a
 *        {@code tools} array
 */
public record Attribution(String safetyIdentifier, String priority, Boolean draft, Boolean generateAudio,
        List<String> toolTypes) {

    public Attribution {
        toolTypes = toolTypes == null ? null : List.copyOf(toolTypes);
    }

    static Attribution of(JsonNode item) {
        return new Attribution(text(item.get("safety_identifier")), text(item.get("priority")), flag(item.get("draft")),
                flag(item.get("generate_audio")), toolTypes(item.get("tools")));
    }

    /** Text, a number or a boolean as text; empty text is none. */
    private static String text(JsonNode node) {
        if (node == null || !(node.isString() || node.isNumber() || node.isBoolean())) {
            return null;
        }
        String text = node.asString();
        return text.isEmpty() ? null : text;
    }

    /** A boolean, or the text true or false (relays re-encode). */
    private static Boolean flag(JsonNode node) {
        if (node == null || !(node.isBoolean() || node.isString())) {
            return null;
        }
        return switch (node.asString()) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    private static List<String> toolTypes(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (JsonNode tool : node) {
            JsonNode type = tool.isObject() ? tool.get("type") : null;
            if (type != null && type.isString()) {
                types.add(type.stringValue());
            }
        }
        return types;
    }
}

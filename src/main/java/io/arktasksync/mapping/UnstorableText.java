package io.arktasksync.mapping;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Finds text that PostgreSQL cannot store: {@code text} and {@code jsonb} refuse U+0000, and a lone UTF-16
 * surrogate (from an escape like {@code "\ud800"}) is not valid Unicode. Checked on every string and key of an
 * item, at any depth, so that one bad byte quarantines its item instead of failing a whole chunk.
 */
final class UnstorableText {

    private UnstorableText() {
    }

    /** @return a reject reason, or null when every string of the tree is storable */
    static String find(JsonNode node) {
        if (node.isString()) {
            return check(node.stringValue(), "a value");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String problem = check(property.getKey(), "a field name");
                if (problem == null) {
                    problem = find(property.getValue());
                }
                if (problem != null) {
                    return problem.endsWith(")") ? problem : problem + " (in '" + property.getKey() + "')";
                }
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                String problem = find(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String check(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return what + " contains NUL (U+0000), which PostgreSQL cannot store";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return what + " contains an unpaired UTF-16 surrogate (invalid Unicode)";
            }
            if (Character.isLowSurrogate(c)) {
                return what + " contains an unpaired UTF-16 surrogate (invalid Unicode)";
            }
        }
        return null;
    }
}

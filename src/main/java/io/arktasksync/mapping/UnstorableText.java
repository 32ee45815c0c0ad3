package io.arktasksync.mapping;

import java.math.BigDecimal;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Finds text that PostgreSQL cannot store: {@code text} and {@code jsonb} refuse U+0000, and a lone UTF-16
 * surrogate (from an escape like {@code "\ud800"}) is not valid Unicode, and jsonb numbers have a range. Checked on
 * every string, key and number of an item, at any depth, so that one bad value quarantines its item instead of
 * failing a whole chunk.
 */
final class UnstorableText {

    private UnstorableText() {
    }

    /** @return a reject reason, or null when every string and number of the tree is storable */
    static String find(JsonNode node) {
        if (node.isString()) {
            return check(node.stringValue(), "a value");
        }
        if (node.isBigDecimal()) {
            return checkNumeric(node.decimalValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String problem = check(property.getKey(), "a field name");
                if (problem == null) {
                    problem = find(property.getValue());
                }
                if (problem != null) {
                    return problem.endsWith(")") ? problem : problem + " (in '" + escape(property.getKey()) + "')";
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

    /**
     * The text with NUL and unpaired surrogates written as JSON-style {@code \\uXXXX} escapes, so that a reject can
     * be stored and still shows exactly what was received.
     */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                escaped.append(c).append(text.charAt(++i));
            }
            else if (c == '\u0000' || Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            }
            else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** jsonb numbers are PostgreSQL numerics: at most 131072 digits before the point and 16383 after. */
    private static String checkNumeric(BigDecimal number) {
        int digitsBeforePoint = number.precision() - number.scale();
        if (digitsBeforePoint > 131_072 || number.scale() > 16_383) {
            return "a number is beyond what PostgreSQL's numeric can hold";
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

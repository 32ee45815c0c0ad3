package io.arktasksync.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;

/**
 * Typed reads of item fields. Absent and {@code null} read as null; a value of the wrong shape throws
 * {@link UnmappableItemException} naming the field, so the item is quarantined rather than stored half-right.
 * Lossless coercions are accepted because relays re-encode values: a number where text is expected, an integral
 * string or {@code 5.0} where an integer is expected, an ISO-8601 string where Unix seconds are expected.
 */
final class ItemFields {

    /** 9999-12-31T23:59:59Z, the last second PostgreSQL's timestamptz and every sane client can show. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private ItemFields() {
    }

    static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        throw new UnmappableItemException(where(parent, field) + " should be text but is " + describe(node));
    }

    /** Text where an empty string means "none" (urls, error codes). */
    static String nonEmptyText(JsonNode parent, String field) {
        String value = text(parent, field);
        return value == null || value.isEmpty() ? null : value;
    }

    static Long integer(JsonNode parent, String field, long min, long max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        }
        else if (node.isNumber() && isWhole(node)) {
            value = node.longValue();
        }
        else if (node.isString() && node.stringValue().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.stringValue().strip());
        }
        else {
            throw new UnmappableItemException(where(parent, field) + " should be an integer but is " + describe(node));
        }
        if (value < min || value > max) {
            throw new UnmappableItemException(where(parent, field) + " is " + value + ", outside " + min + ".." + max);
        }
        return value;
    }

    static Integer smallInteger(JsonNode parent, String field) {
        Long value = integer(parent, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    /** Unix seconds; ISO-8601 text is converted. */
    static Long epochSeconds(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node != null && node.isString() && !node.stringValue().strip().matches("-?\\d+")) {
            long seconds;
            try {
                seconds = OffsetDateTime.parse(node.stringValue().strip()).toEpochSecond();
            }
            catch (DateTimeParseException e) {
                throw new UnmappableItemException(
                        where(parent, field) + " should be Unix seconds but is the text '" + abbreviate(node.stringValue()) + "'");
            }
            if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
                throw new UnmappableItemException(where(parent, field) + " is " + abbreviate(node.stringValue())
                        + ", outside 1970-01-01..9999-12-31");
            }
            return seconds;
        }
        return integer(parent, field, 0, MAX_EPOCH_SECOND);
    }

    /** The object at {@code field}, an empty node when absent or null, a reject when it is something else. */
    static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
        if (!node.isObject()) {
            throw new UnmappableItemException(where(parent, field) + " should be an object but is " + describe(node));
        }
        return node;
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "the text '" + abbreviate(node.stringValue()) + "'";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asString();
        }
        if (node.isNumber()) {
            return "the number " + abbreviate(node.asString());
        }
        return node.getNodeType().toString().toLowerCase();
    }

    private static boolean isWhole(JsonNode number) {
        try {
            return number.decimalValue().stripTrailingZeros().scale() <= 0 && number.canConvertToLong();
        }
        catch (ArithmeticException e) {
            return false;
        }
    }

    private static String where(JsonNode parent, String field) {
        return "field '" + field + "'";
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }
}

package io.arktasksync.prices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a price list: a header naming the columns, then one price per line. The columns
 * {@code model,service_tier,currency,price_per_million_tokens,valid_from} are required; {@code valid_to} and the
 * dimensions {@code generate_audio}, {@code resolution}, {@code draft}, {@code with_video_input} and {@code unit}
 * ({@code million_tokens}, the default, or {@code task}) are optional and read by name, so the header of before price
 * dimensions keeps working. An empty field is "none" (open period, any value, the default unit). Times are ISO dates
 * (midnight UTC) or ISO instants; lines starting with {@code #} and blank lines are skipped; a line may leave out
 * trailing optional fields. Every line is checked before anything is written.
 */
final class PriceCsv {

    static final String HEADER = "model,service_tier,currency,price_per_million_tokens,valid_from,valid_to";

    static final List<String> REQUIRED = List.of("model", "service_tier", "currency", "price_per_million_tokens",
            "valid_from");

    static final List<String> OPTIONAL = List.of("valid_to", "generate_audio", "resolution", "draft",
            "with_video_input", "unit");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PriceCsv() {
    }

    /** @throws IllegalArgumentException one line naming the file's line and what is wrong */
    static List<ModelPrice> parse(String name, List<String> lines) {
        List<ModelPrice> prices = new ArrayList<>();
        List<String> columns = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "prices: " + name + " line " + (i + 1) + ": ";
            if (columns == null) {
                columns = header(where, line);
                continue;
            }
            prices.add(price(where, new Line(where, columns, line.split(",", -1))));
        }
        if (columns == null) {
            throw new IllegalArgumentException("prices: " + name + " has no header line " + HEADER);
        }
        return prices;
    }

    private static List<String> header(String where, String line) {
        List<String> columns = Arrays.asList(line.replace(" ", "").split(",", -1));
        boolean known = columns.stream().allMatch(c -> REQUIRED.contains(c) || OPTIONAL.contains(c));
        if (!known || !columns.containsAll(REQUIRED) || columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException(where + "the first line must be the header " + HEADER
                    + " (valid_to optional; optional by name: " + String.join(", ", OPTIONAL.subList(1, OPTIONAL.size()))
                    + ")");
        }
        return columns;
    }

    /** One line's fields by column name; trailing optional fields may be left out. */
    private record Line(String where, List<String> columns, String[] fields) {

        Line {
            int needed = REQUIRED.stream().mapToInt(columns::indexOf).max().orElseThrow() + 1;
            if (fields.length < needed || fields.length > columns.size()) {
                throw new IllegalArgumentException(where + "expected " + needed
                        + (columns.size() == needed + 1 ? " or " : " to ") + columns.size() + " fields, found "
                        + fields.length);
            }
        }

        /** The field stripped, or "" when the column is absent or the line ends before it. */
        String get(String column) {
            int index = columns.indexOf(column);
            return index < 0 || index >= fields.length ? "" : fields[index].strip();
        }

        String required(String column) {
            String value = get(column);
            if (value.isEmpty()) {
                throw new IllegalArgumentException(where + column + " is empty");
            }
            return value;
        }

        Boolean flag(String column) {
            String value = get(column);
            return switch (value) {
                case "" -> null;
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(where + column + " '" + value
                        + "' is not true, false or empty (any)");
            };
        }
    }

    private static ModelPrice price(String where, Line line) {
        String model = line.required("model");
        String tier = line.required("service_tier");
        String currency = line.get("currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(where + "currency '" + currency + "' is not an ISO 4217 code like USD");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(line.get("price_per_million_tokens"));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "price_per_million_tokens '" + line.get("price_per_million_tokens")
                    + "' is not a number");
        }
        if (price.signum() < 0) {
            throw new IllegalArgumentException(where + "price_per_million_tokens " + price + " is negative");
        }
        Instant from = time(where, "valid_from", line.required("valid_from"));
        Instant to = line.get("valid_to").isEmpty() ? null : time(where, "valid_to", line.get("valid_to"));
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException(where + "valid_to " + to + " is not after valid_from " + from);
        }
        String unit = line.get("unit");
        if (!unit.isEmpty() && !unit.equals("million_tokens") && !unit.equals("task")) {
            throw new IllegalArgumentException(where + "unit '" + unit + "' is not million_tokens, task or empty");
        }
        PriceDimensions dimensions = new PriceDimensions(line.flag("generate_audio"),
                line.get("resolution").isEmpty() ? null : line.get("resolution"), line.flag("draft"),
                line.flag("with_video_input"));
        return new ModelPrice(model, tier, currency, price, from, to, dimensions, unit.equals("task"));
    }

    private static Instant time(String where, String column, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + column + " '" + value
                    + "' is neither a date (2026-11-01) nor an instant (2026-11-01T00:00:00Z)");
        }
    }
}

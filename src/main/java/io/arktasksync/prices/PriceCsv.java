package io.arktasksync.prices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a price list: a header {@code model,service_tier,currency,price_per_million_tokens,valid_from[,valid_to]},
 * then one price per line. Times are ISO dates (midnight UTC) or ISO instants; lines starting with {@code #} and
 * blank lines are skipped. Every line is checked before anything is written.
 */
final class PriceCsv {

    static final String HEADER = "model,service_tier,currency,price_per_million_tokens,valid_from,valid_to";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PriceCsv() {
    }

    /** @throws IllegalArgumentException one line naming the file's line and what is wrong */
    static List<ModelPrice> parse(String name, List<String> lines) {
        List<ModelPrice> prices = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "prices: " + name + " line " + (i + 1) + ": ";
            if (!header) {
                String names = line.replace(" ", "");
                if (!names.equals(HEADER) && !names.equals(HEADER.substring(0, HEADER.lastIndexOf(',')))) {
                    throw new IllegalArgumentException(where + "the first line must be the header " + HEADER
                            + " (valid_to optional)");
                }
                header = true;
                continue;
            }
            prices.add(price(where, line.split(",", -1)));
        }
        if (!header) {
            throw new IllegalArgumentException("prices: " + name + " has no header line " + HEADER);
        }
        return prices;
    }

    private static ModelPrice price(String where, String[] fields) {
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException(where + "expected 5 or 6 fields, found " + fields.length);
        }
        String model = required(where, "model", fields[0]);
        String tier = required(where, "service_tier", fields[1]);
        String currency = fields[2].strip();
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(where + "currency '" + currency + "' is not an ISO 4217 code like USD");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(fields[3].strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "price_per_million_tokens '" + fields[3].strip() + "' is not a number");
        }
        if (price.signum() < 0) {
            throw new IllegalArgumentException(where + "price_per_million_tokens " + price + " is negative");
        }
        Instant from = time(where, "valid_from", required(where, "valid_from", fields[4]));
        Instant to = fields.length == 6 && !fields[5].isBlank() ? time(where, "valid_to", fields[5].strip()) : null;
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException(where + "valid_to " + to + " is not after valid_from " + from);
        }
        return new ModelPrice(model, tier, currency, price, from, to);
    }

    private static String required(String where, String column, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + column + " is empty");
        }
        return value.strip();
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

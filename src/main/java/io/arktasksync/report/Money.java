package io.arktasksync.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Amounts for people: two decimals (half up) with thousands separators and the currency; amounts of different
 * currencies are listed, never added. Csv and json carry the exact amounts instead.
 */
final class Money {

    /** What a group shows when it reported usage and none of it has a price: unpriced, not free. */
    static final String UNPRICED = "unpriced";

    /** Marks an amount that leaves out some of the group's usage (tasks without price). */
    static final String PARTLY_UNPRICED = "*";

    private Money() {
    }

    static String amount(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** E.g. {@code 1,234.50 USD}, {@code 12.00 USD + 80.00 CNY}; empty when there is none. */
    static String amounts(Map<String, BigDecimal> costs) {
        return costs.entrySet().stream().map(e -> amount(e.getValue()) + " " + e.getKey())
            .collect(Collectors.joining(" + "));
    }

    /**
     * The cost cell of a row: its amounts, {@value #PARTLY_UNPRICED} when some usage has no price,
     * {@value #UNPRICED} when none has, {@code none} when nothing was reported.
     */
    static String cell(ReportRow row, String notReported) {
        if (row.costs().isEmpty()) {
            return row.partlyUnpriced() ? UNPRICED : notReported;
        }
        return amounts(row.costs()) + (row.partlyUnpriced() ? PARTLY_UNPRICED : "");
    }
}

package io.arktasksync.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the report is printed ({@code --format}): for people, or for other programs. */
public enum ReportFormat {

    TABLE,
    CSV,
    JSON,
    /** One self-contained page for people: charts, a table per account, rates, freshness. */
    HTML,
    /** ark.focus_costs, one line per priced task in the FOCUS 1.2 columns, for finance tools. */
    FOCUS_CSV;

    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ReportFormat fromOption(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.option().equals(wanted)).findFirst().orElse(null);
    }

    static String choices() {
        return Arrays.stream(values()).map(ReportFormat::option).collect(Collectors.joining("|"));
    }
}

package io.arktasksync.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one row of the report stands for ({@code --by}).
 *
 * @param option the word on the command line
 * @param column the column of {@code ark.daily_token_usage} grouped by; also the key's name in csv and json
 */
public enum ReportGrouping {

    DAY("day", "day"),
    MODEL("model", "model"),
    TIER("tier", "service_tier"),
    STATUS("status", "status");

    private final String option;

    private final String column;

    ReportGrouping(String option, String column) {
        this.option = option;
        this.column = column;
    }

    public String option() {
        return option;
    }

    /** A fixed column name, never user input: it is spliced into the report's SQL. */
    public String column() {
        return column;
    }

    static ReportGrouping fromOption(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.option.equals(wanted)).findFirst().orElse(null);
    }

    static String choices() {
        return Arrays.stream(values()).map(ReportGrouping::option).collect(Collectors.joining("|"));
    }
}

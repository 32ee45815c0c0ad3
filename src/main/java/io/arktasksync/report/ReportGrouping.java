package io.arktasksync.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One dimension a row of the report stands for ({@code --by}, combinable: {@code --by month,account}).
 *
 * @param option the word on the command line
 * @param column the column's name in csv and json, as in the views
 * @param expression its text in {@code ark.task_costs}: spliced into the report's SQL, so never user input
 */
public enum ReportGrouping {

    DAY("day", "day", "day::text"),
    MONTH("month", "month", "to_char(month, 'YYYY-MM')"),
    ACCOUNT("account", "account", "account"),
    MODEL("model", "model", "model"),
    TIER("tier", "service_tier", "service_tier"),
    STATUS("status", "status", "status"),
    /** The end user the caller declared ({@code safety_identifier}); tasks without one are a group of their own. */
    USER("user", "safety_identifier", "safety_identifier");

    private final String option;

    private final String column;

    private final String expression;

    ReportGrouping(String option, String column, String expression) {
        this.option = option;
        this.column = column;
        this.expression = expression;
    }

    public String option() {
        return option;
    }

    /** A fixed column name, never user input. */
    public String column() {
        return column;
    }

    /** A fixed SQL expression over {@code ark.task_costs}, never user input. */
    String expression() {
        return expression;
    }

    static ReportGrouping fromOption(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.option.equals(wanted)).findFirst().orElse(null);
    }

    static String choices() {
        return Arrays.stream(values()).map(ReportGrouping::option).collect(Collectors.joining("|"));
    }
}

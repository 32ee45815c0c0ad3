package io.arktasksync.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options of {@code report}: which UTC days of task creation, one row per what, in which format, with or
 * without money, for one account or all.
 *
 * @param from first UTC day of {@code created_at}, inclusive
 * @param to last UTC day of {@code created_at}, inclusive
 * @param by what one row stands for: one or more dimensions, in the order given
 * @param format how it is printed
 * @param cost whether the cost of the tasks (ark.model_prices) is shown
 * @param account only the tasks of this account; null: every account but the demo's ({@link #DEMO_ACCOUNT})
 * @param budgets print the budgets' current status (ark.budget_status) instead of usage
 */
public record ReportOptions(LocalDate from, LocalDate to, List<ReportGrouping> by, ReportFormat format, boolean cost,
        String account, boolean budgets) {

    /** Option names the report takes; everything else of the form {@code --name=value} is a setting. */
    public static final Set<String> OPTIONS = Set.of("--from", "--to", "--by", "--format", "--account", "--cost",
            "--budgets");

    /**
     * The account the demo syncs as (the demo's {@code DemoApi.ACCOUNT}), in whatever database: left out of a
     * report unless asked for, by {@code report --demo} or {@code --account demo}, so that a demo that shared a
     * database with real accounts never shows in a report of their data.
     */
    public static final String DEMO_ACCOUNT = "demo";

    /** Options without a value. */
    public static final Set<String> FLAGS = Set.of("--cost", "--budgets");

    /** Days covered when no range is given, today included. */
    static final int DEFAULT_DAYS = 30;

    /** The report's command line, for one-line error messages. */
    public static final String SYNOPSIS = "report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by " + ReportGrouping.choices()
            + "[,...]] [--cost] [--budgets] [--account NAME] [--format " + ReportFormat.choices() + "] [--name=value ...]";

    public ReportOptions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(format, "format");
        by = List.copyOf(by);
        if (by.isEmpty()) {
            throw new IllegalArgumentException("report: --by needs at least one of " + ReportGrouping.choices());
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("report: --from " + from + " is after --to " + to);
        }
    }

    /** One dimension, no cost, every account: the report as it was before --cost and --account. */
    public ReportOptions(LocalDate from, LocalDate to, ReportGrouping by, ReportFormat format) {
        this(from, to, List.of(by), format, false, null, false);
    }

    /** Usage, not budgets. */
    public ReportOptions(LocalDate from, LocalDate to, List<ReportGrouping> by, ReportFormat format, boolean cost,
            String account) {
        this(from, to, by, format, cost, account, false);
    }

    /** These options for one account's tasks alone. */
    public ReportOptions withAccount(String account) {
        return new ReportOptions(from, to, by, format, cost, account, budgets);
    }

    /** The grouping as the command line names it, e.g. {@code month,account}. */
    public String byOptions() {
        return by.stream().map(ReportGrouping::option).collect(Collectors.joining(","));
    }

    /**
     * Parses {@code --from DATE}, {@code --to DATE}, {@code --by WHAT[,WHAT...]}, {@code --format F},
     * {@code --account NAME}, each as two arguments or as {@code --name=value}, each at most once, and the flag
     * {@code --cost}. Without a range the report covers the {@value #DEFAULT_DAYS} days up to today; --from alone
     * runs to today, --to alone covers the {@value #DEFAULT_DAYS} days up to it.
     *
     * @param today the current UTC day
     * @throws IllegalArgumentException with a one-line message that names the bad option
     */
    public static ReportOptions parse(List<String> arguments, LocalDate today) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("report: unknown option '" + argument + "'; usage: " + SYNOPSIS);
            }
            String value;
            if (FLAGS.contains(name)) {
                if (equals >= 0) {
                    throw new IllegalArgumentException("report: " + name + " takes no value, got '" + argument + "'");
                }
                value = "true";
            }
            else if (equals >= 0) {
                value = argument.substring(equals + 1);
            }
            else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                value = arguments.get(++i);
            }
            else {
                value = "";
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("report: " + name + " needs a value; usage: " + SYNOPSIS);
            }
            if (values.put(name, value.trim()) != null) {
                throw new IllegalArgumentException("report: " + name + " is given more than once");
            }
        }
        LocalDate from = date(values, "--from");
        LocalDate to = date(values, "--to");
        if (to == null) {
            to = today;
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        return new ReportOptions(from, to, groupings(values.get("--by")), format(values.get("--format")),
                values.containsKey("--cost"), values.get("--account"), values.containsKey("--budgets"));
    }

    private static LocalDate date(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("report: " + name + " '" + value + "' is not a date; use YYYY-MM-DD");
        }
    }

    private static List<ReportGrouping> groupings(String value) {
        if (value == null) {
            return List.of(ReportGrouping.DAY);
        }
        List<ReportGrouping> groupings = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            ReportGrouping grouping = ReportGrouping.fromOption(part.trim());
            if (grouping == null) {
                throw new IllegalArgumentException("report: --by '" + value + "' is not a list of "
                        + ReportGrouping.choices() + " (e.g. --by month,account)");
            }
            if (groupings.contains(grouping)) {
                throw new IllegalArgumentException("report: --by '" + value + "' names " + grouping.option() + " twice");
            }
            groupings.add(grouping);
        }
        if (groupings.contains(ReportGrouping.DAY) && groupings.contains(ReportGrouping.MONTH)) {
            throw new IllegalArgumentException("report: --by '" + value + "' names both day and month; choose one");
        }
        return groupings;
    }

    private static ReportFormat format(String value) {
        if (value == null) {
            return ReportFormat.TABLE;
        }
        ReportFormat format = ReportFormat.fromOption(value);
        if (format == null) {
            throw new IllegalArgumentException("report: --format '" + value + "' is not one of " + ReportFormat.choices());
        }
        return format;
    }
}

package io.arktasksync.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the formats for people (table, html) leave out or add because of the data: a token column that repeats
 * another, and footnotes that apply to this report only.
 */
final class ReportColumns {

    private ReportColumns() {
    }

    /** The API reports completion tokens equal to total tokens for video models: one column says it all. */
    static boolean completionRepeatsTotal(Report report) {
        return report.rows().stream().allMatch(r -> Objects.equals(r.completionTokens(), r.totalTokens()));
    }

    /** Whether some succeeded task of the report reported no usage: a column says how many per row. */
    static boolean anyUsageMissing(Report report) {
        return report.total().usageMissing() > 0;
    }

    static boolean anyNotReported(Report report) {
        return report.rows().stream().anyMatch(r -> r.totalTokens() == null || r.completionTokens() == null);
    }

    /** The footnotes that apply, each one line, in a fixed order. */
    static List<String> footnotes(Report report, String notReported) {
        ReportOptions options = report.options();
        List<String> notes = new ArrayList<>();
        if (anyNotReported(report)) {
            notes.add(notReported + ": no task of the row reported usage (queued, running, most failures): "
                    + "not reported, not zero.");
        }
        if (anyUsageMissing(report)) {
            notes.add(String.format(Locale.ROOT, "%,d succeeded tasks reported no usage (synced through a relay that "
                    + "trims items?): their tokens are not reported, left out of the sums, not zero.",
                    report.total().usageMissing()));
        }
        if (completionRepeatsTotal(report) && !report.rows().isEmpty()) {
            notes.add("Completion tokens equal total tokens on every row: one column shows both.");
        }
        ReportRow total = report.total();
        if (options.cost() && total.partlyUnpriced()) {
            notes.add(String.format(Locale.ROOT, "%s %,d tasks with %,d tokens have no price in ark.model_prices: "
                    + "their cost is left out, not zero (see src/docs/reporting.md).",
                    Money.PARTLY_UNPRICED, total.unpricedTasks(), total.unpricedTokens() == null ? 0 : total.unpricedTokens()));
        }
        if (options.cost() && !report.assumptions().isEmpty()) {
            notes.add(assumptions(report.assumptions()));
        }
        if (options.by().contains(ReportGrouping.MONTH)) {
            String partial = partialMonths(options.from(), options.to());
            if (partial != null) {
                notes.add(partial);
            }
        }
        return notes;
    }

    /**
     * One line naming what the prices assumed of tasks that do not say it, e.g. {@code Assumed, not known
     * (ark.price_assumptions): with_video_input=true for account team-b, model seedance-2-0 (1,234 tasks).}
     */
    static String assumptions(List<AppliedAssumption> applied) {
        List<String> each = new ArrayList<>();
        for (AppliedAssumption a : applied) {
            each.add(String.format(Locale.ROOT, "with_video_input=%s for account %s, model %s (%,d tasks)",
                    a.withVideoInput(), a.account(), a.model(), a.tasks()));
        }
        return "Assumed, not known (ark.price_assumptions): " + String.join("; ", each) + ".";
    }

    /** Says which months the range covers only in part; null when it covers whole months. */
    static String partialMonths(LocalDate from, LocalDate to) {
        List<String> partial = new ArrayList<>();
        if (from.getDayOfMonth() != 1) {
            partial.add(YearMonth.from(from).toString());
        }
        if (!to.equals(YearMonth.from(to).atEndOfMonth()) && !partial.contains(YearMonth.from(to).toString())) {
            partial.add(YearMonth.from(to).toString());
        }
        if (partial.isEmpty()) {
            return null;
        }
        return "Only part of " + String.join(" and ", partial) + " is in the range " + from + " to " + to
                + " (give --from and --to for whole months).";
    }

    /** The report's title line. */
    static String title(ReportOptions options) {
        return "Tasks created " + options.from() + " to " + options.to() + " (UTC days), by " + options.byOptions()
                + (options.account() == null ? "" : ", account " + options.account());
    }
}

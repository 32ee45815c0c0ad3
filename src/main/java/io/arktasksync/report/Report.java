package io.arktasksync.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows: the options it was asked with, the database's parts (one per group and currency), and the
 * rows they make (one per group); for html also the overview.
 *
 * @param overview the figures only the html report shows; null for the other formats
 * @param assumptions what ark.price_assumptions assumed of priced tasks of the report (with --cost); empty: nothing
 */
public record Report(ReportOptions options, List<ReportPart> parts, List<ReportRow> rows, Overview overview,
        List<AppliedAssumption> assumptions) {

    public Report {
        parts = List.copyOf(parts);
        rows = List.copyOf(rows);
        assumptions = List.copyOf(assumptions);
    }

    /** A report whose prices assumed nothing. */
    public Report(ReportOptions options, List<ReportPart> parts, List<ReportRow> rows, Overview overview) {
        this(options, parts, rows, overview, List.of());
    }

    /** A report of rows alone, each its own part. */
    public Report(ReportOptions options, List<ReportRow> rows) {
        this(options, rows.stream().map(Report::partOf).toList(), rows, null);
    }

    /** Merges the parts of each group, in the database's order, into one row. */
    static Report of(ReportOptions options, List<ReportPart> parts, Overview overview) {
        return of(options, parts, overview, List.of());
    }

    static Report of(ReportOptions options, List<ReportPart> parts, Overview overview,
            List<AppliedAssumption> assumptions) {
        Map<List<String>, List<ReportRow>> groups = new LinkedHashMap<>();
        for (ReportPart part : parts) {
            groups.computeIfAbsent(part.keys(), k -> new ArrayList<>()).add(part.toRow());
        }
        List<ReportRow> rows = new ArrayList<>();
        groups.forEach((keys, group) -> rows.add(ReportRow.sum(keys, group)));
        return new Report(options, parts, rows, overview, assumptions);
    }

    public ReportRow total() {
        List<String> keys = new ArrayList<>(Collections.nCopies(options.by().size(), (String) null));
        keys.set(0, "total");
        return ReportRow.sum(keys, rows);
    }

    private static ReportPart partOf(ReportRow row) {
        if (row.costs().size() > 1) {
            throw new IllegalArgumentException("a row of several currencies is several parts");
        }
        Map.Entry<String, java.math.BigDecimal> cost = row.costs().entrySet().stream().findFirst().orElse(null);
        return new ReportPart(row.keys(), cost == null ? null : cost.getKey(), row.tasks(), row.tasksWithUsage(),
                row.completionTokens(), row.totalTokens(), cost == null ? null : cost.getValue(), row.unpricedTasks(),
                row.unpricedTokens(), row.usageMissing());
    }
}

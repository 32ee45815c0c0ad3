package io.arktasksync.report;

import java.util.List;

/** What the report shows: the options it was asked with, its rows, and their grand total. */
public record Report(ReportOptions options, List<ReportRow> rows) {

    public Report {
        rows = List.copyOf(rows);
    }

    public ReportRow total() {
        return ReportRow.sum("total", rows);
    }
}

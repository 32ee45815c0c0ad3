package io.arktasksync.report;

import java.time.LocalDate;
import java.util.List;

/** A small report with the awkward cases: a null key, a group without usage, a key that needs CSV quoting. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static Report byModel(ReportFormat format) {
        ReportOptions options = new ReportOptions(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
                ReportGrouping.MODEL, format);
        return new Report(options, List.of(
                new ReportRow("doubao-seedance-1-0-pro-250528", 1200, 1100, 119_790_000L, 119_790_000L),
                new ReportRow("endpoint, \"quoted\"", 3, 0, null, null),
                new ReportRow("seedance-1-5-pro-251215", 40, 35, 3_811_500L, 3_811_600L),
                new ReportRow(null, 2, 1, 0L, 0L)));
    }

    static Report empty(ReportFormat format) {
        ReportOptions options = new ReportOptions(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
                ReportGrouping.DAY, format);
        return new Report(options, List.of());
    }
}

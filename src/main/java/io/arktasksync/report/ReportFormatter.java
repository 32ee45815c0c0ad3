package io.arktasksync.report;

/** Turns a report into text in one format. */
public interface ReportFormatter {

    /** The whole output, ending with a line break. */
    String format(Report report);

    static ReportFormatter of(ReportFormat format) {
        return switch (format) {
            case TABLE -> new TableFormatter();
            case CSV -> new CsvFormatter();
            case JSON -> new JsonFormatter();
            case HTML -> new HtmlFormatter();
            // streamed row by row from the database instead: FocusCsvExport
            case FOCUS_CSV -> throw new IllegalArgumentException("focus-csv is written by FocusCsvExport");
        };
    }
}

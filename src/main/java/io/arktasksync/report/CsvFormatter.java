package io.arktasksync.report;

/**
 * For spreadsheets and scripts: RFC 4180 fields, a header naming the columns as the views do, one line per row,
 * no total line (it would read as one more row), plain digits, and an empty field where the value is null
 * (no key, or no usage reported). Lines end with LF.
 */
public class CsvFormatter implements ReportFormatter {

    @Override
    public String format(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(report.options().by().column()).append(",tasks,tasks_with_usage,completion_tokens,total_tokens\n");
        for (ReportRow row : report.rows()) {
            out.append(field(row.key())).append(',')
                .append(row.tasks()).append(',')
                .append(row.tasksWithUsage()).append(',')
                .append(row.completionTokens() == null ? "" : row.completionTokens()).append(',')
                .append(row.totalTokens() == null ? "" : row.totalTokens()).append('\n');
        }
        return out.toString();
    }

    /** Quoted only when needed: a model id with a comma or quote stays one field. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}

package io.arktasksync.report;

import java.util.List;

/**
 * For spreadsheets and scripts: RFC 4180 fields, a header naming the columns as the views do, one line per row,
 * no total line (it would read as one more row), plain digits, and an empty field where the value is null
 * (no key, or no usage reported). Every column is always there, so that scripts can rely on them. With
 * {@code --cost} a line is one group and currency, as in {@code ark.daily_cost}: the exact cost, its currency,
 * and the group's tasks without price on a line of their own (empty cost and currency). Lines end with LF.
 */
public class CsvFormatter implements ReportFormatter {

    @Override
    public String format(Report report) {
        ReportOptions options = report.options();
        StringBuilder out = new StringBuilder();
        for (ReportGrouping grouping : options.by()) {
            out.append(grouping.column()).append(',');
        }
        out.append("tasks,tasks_with_usage,completion_tokens,total_tokens");
        out.append(options.cost() ? ",cost,currency,unpriced_tasks,unpriced_tokens\n" : "\n");
        if (options.cost()) {
            for (ReportPart part : report.parts()) {
                appendFigures(out, part.keys(), part.tasks(), part.tasksWithUsage(), part.completionTokens(),
                        part.totalTokens());
                out.append(',').append(part.cost() == null ? "" : part.cost().toPlainString())
                    .append(',').append(field(part.currency()))
                    .append(',').append(part.unpricedTasks())
                    .append(',').append(part.unpricedTokens() == null ? "" : part.unpricedTokens()).append('\n');
            }
        }
        else {
            for (ReportRow row : report.rows()) {
                appendFigures(out, row.keys(), row.tasks(), row.tasksWithUsage(), row.completionTokens(),
                        row.totalTokens());
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void appendFigures(StringBuilder out, List<String> keys, long tasks, long withUsage,
            Long completion, Long total) {
        for (String key : keys) {
            out.append(field(key)).append(',');
        }
        out.append(tasks).append(',').append(withUsage).append(',').append(completion == null ? "" : completion)
            .append(',').append(total == null ? "" : total);
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

package io.arktasksync.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For people at a terminal: a title, aligned columns (numbers right-aligned with thousands separators), and a
 * grand total.
 */
public class TableFormatter implements ReportFormatter {

    static final String NONE = "(none)";

    static final String NOT_REPORTED = "-";

    private static final String[] NUMBER_HEADERS = { "tasks", "with usage", "completion tokens", "total tokens" };

    @Override
    public String format(Report report) {
        ReportOptions options = report.options();
        List<String[]> lines = new ArrayList<>();
        for (ReportRow row : report.rows()) {
            lines.add(cells(row.key() == null ? NONE : row.key(), row));
        }
        String[] header = new String[NUMBER_HEADERS.length + 1];
        header[0] = options.by().column().replace('_', ' ');
        System.arraycopy(NUMBER_HEADERS, 0, header, 1, NUMBER_HEADERS.length);
        String[] total = cells("total", report.total());

        int[] widths = new int[header.length];
        for (String[] cells : everyLine(header, lines, total)) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Tasks created ").append(options.from()).append(" to ").append(options.to())
            .append(" (UTC days), by ").append(options.by().option()).append('\n');
        appendLine(out, header, widths);
        appendRule(out, widths);
        for (String[] cells : lines) {
            appendLine(out, cells, widths);
        }
        appendRule(out, widths);
        appendLine(out, total, widths);
        out.append("Tokens as reported by the API; tasks without usage (queued, running, most failures) add none")
            .append(" (").append(NOT_REPORTED).append(": none reported).\n");
        return out.toString();
    }

    private static String[] cells(String key, ReportRow row) {
        return new String[] { key, number(row.tasks()), number(row.tasksWithUsage()), number(row.completionTokens()),
                number(row.totalTokens()) };
    }

    private static String number(Long value) {
        return value == null ? NOT_REPORTED : String.format(Locale.ROOT, "%,d", value);
    }

    private static List<String[]> everyLine(String[] header, List<String[]> lines, String[] total) {
        List<String[]> all = new ArrayList<>(lines);
        all.add(header);
        all.add(total);
        return all;
    }

    /** The key column is left-aligned, the numbers right-aligned, columns two spaces apart. */
    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String padding = " ".repeat(widths[i] - cells[i].length());
            line.append(i == 0 ? cells[i] + padding : padding + cells[i]);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void appendRule(StringBuilder out, int[] widths) {
        List<String> dashes = new ArrayList<>();
        for (int width : widths) {
            dashes.add("-".repeat(width));
        }
        out.append(String.join("  ", dashes)).append('\n');
    }
}

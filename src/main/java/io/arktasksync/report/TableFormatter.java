package io.arktasksync.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For people at a terminal: a title, aligned columns (key columns left-aligned, numbers right-aligned with
 * thousands separators), a grand total, and only the columns and footnotes that carry information here.
 */
public class TableFormatter implements ReportFormatter {

    static final String NONE = "(none)";

    static final String NOT_REPORTED = "-";

    /** The column of succeeded tasks without usage, shown only when there are some. */
    static final String USAGE_MISSING = "no usage";

    @Override
    public String format(Report report) {
        ReportOptions options = report.options();
        boolean completion = !ReportColumns.completionRepeatsTotal(report);
        boolean usageMissing = ReportColumns.anyUsageMissing(report);
        List<String> header = new ArrayList<>();
        options.by().forEach(g -> header.add(g.column().replace('_', ' ')));
        header.add("tasks");
        header.add("with usage");
        if (completion) {
            header.add("completion tokens");
        }
        header.add(completion ? "total tokens" : "tokens");
        if (usageMissing) {
            header.add(USAGE_MISSING);
        }
        if (options.cost()) {
            header.add("cost");
        }
        List<String[]> lines = new ArrayList<>();
        for (ReportRow row : report.rows()) {
            lines.add(cells(row, false, completion, usageMissing, options.cost()));
        }
        String[] total = cells(report.total(), true, completion, usageMissing, options.cost());

        int keys = options.by().size();
        int[] widths = new int[header.size()];
        List<String[]> all = new ArrayList<>(lines);
        all.add(header.toArray(String[]::new));
        all.add(total);
        for (String[] cells : all) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(ReportColumns.title(options)).append('\n');
        appendLine(out, header.toArray(String[]::new), widths, keys);
        appendRule(out, widths);
        for (String[] cells : lines) {
            appendLine(out, cells, widths, keys);
        }
        appendRule(out, widths);
        appendLine(out, total, widths, keys);
        ReportColumns.footnotes(report, NOT_REPORTED).forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    private static String[] cells(ReportRow row, boolean total, boolean completion, boolean usageMissing,
            boolean cost) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.keys().size(); i++) {
            String key = row.keys().get(i);
            cells.add(total ? (i == 0 ? "total" : "") : key == null ? NONE : key);
        }
        cells.add(number(row.tasks()));
        cells.add(number(row.tasksWithUsage()));
        if (completion) {
            cells.add(number(row.completionTokens()));
        }
        cells.add(number(row.totalTokens()));
        if (usageMissing) {
            cells.add(number(row.usageMissing()));
        }
        if (cost) {
            cells.add(Money.cell(row, NOT_REPORTED));
        }
        return cells.toArray(String[]::new);
    }

    private static String number(Long value) {
        return value == null ? NOT_REPORTED : String.format(Locale.ROOT, "%,d", value);
    }

    /** Key columns are left-aligned, the figures right-aligned, columns two spaces apart. */
    private static void appendLine(StringBuilder out, String[] cells, int[] widths, int keys) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String padding = " ".repeat(widths[i] - cells[i].length());
            line.append(i < keys ? cells[i] + padding : padding + cells[i]);
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

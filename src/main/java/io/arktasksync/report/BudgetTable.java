package io.arktasksync.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.arktasksync.budgets.BudgetStatus;

/**
 * {@code report --budgets}: every budget in its current period ({@code ark.budget_status}), as an aligned table for
 * people or, with {@code --format csv}, as csv with the view's column names.
 */
final class BudgetTable {

    private static final List<String> COLUMNS = List.of("name", "scope", "scope_value", "period", "period_start",
            "amount", "unit", "spent", "remaining", "share_used", "projected", "unpriced_tasks");

    private BudgetTable() {
    }

    static String format(List<BudgetStatus> budgets, ReportFormat format) {
        List<List<String>> rows = new ArrayList<>();
        for (BudgetStatus b : budgets) {
            rows.add(List.of(b.name(), b.scope(), b.scopeValue() == null ? "" : b.scopeValue(), b.period(),
                    b.periodStart().toString(), b.amount().toPlainString(), b.unit(), b.spent().toPlainString(),
                    b.remaining().toPlainString(), format == ReportFormat.CSV ? String.valueOf(b.shareUsed())
                            : String.format(Locale.ROOT, "%.1f %%", b.shareUsed() * 100),
                    format == ReportFormat.CSV ? String.valueOf(b.projected())
                            : String.format(Locale.ROOT, "%.2f", b.projected()),
                    String.valueOf(b.unpricedTasks())));
        }
        StringBuilder out = new StringBuilder();
        if (format == ReportFormat.CSV) {
            out.append(String.join(",", COLUMNS)).append('\n');
            rows.forEach(row -> out.append(String.join(",", row.stream().map(CsvFormatter::field).toList())).append('\n'));
            return out.toString();
        }
        if (budgets.isEmpty()) {
            return "No budget in ark.budgets: add some with budgets import FILE.csv (src/docs/reporting.md).\n";
        }
        int[] widths = new int[COLUMNS.size()];
        List<List<String>> all = new ArrayList<>(rows);
        all.add(COLUMNS);
        all.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        out.append("Budgets in their current UTC period (costs are estimates from ark.model_prices)\n");
        appendLine(out, COLUMNS, widths);
        rows.forEach(row -> appendLine(out, row, widths));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}

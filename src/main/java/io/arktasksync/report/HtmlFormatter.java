package io.arktasksync.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One self-contained html page a person can mail around: period and data freshness at the top, totals (tokens and
 * cost), failure and expiry rates, tokens and cost per day stacked by model (inline SVG), a table per account, and
 * the rows of {@code --by}. No script, no font, no image, no link to load: its Content-Security-Policy forbids
 * them all, so the page opens the same offline. Cost is always shown (the page is for the people who pay).
 */
public class HtmlFormatter implements ReportFormatter {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:22px;margin:0 0 4px}
            h2{font-size:17px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}.meta{color:#555;margin:2px 0}
            .stale{color:#b00020;font-weight:600}dl.totals{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
            dl.totals div{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:140px}
            dt{color:#555;font-size:12px}dd{margin:0;font-size:20px;font-weight:600}
            table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid #eee}
            th{text-align:left;background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.total td{font-weight:600;border-top:2px solid #ccc}.notes{color:#555;font-size:12px}
            svg .grid{stroke:#eee}svg .axis{stroke:#999}svg .tick{font-size:11px;fill:#555}
            ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px;font-size:12px}
            .swatch{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px}
            """;

    @Override
    public String format(Report report) {
        ReportOptions options = report.options();
        Overview overview = Objects.requireNonNull(report.overview(), "the html report needs its overview");
        ReportRow total = report.total();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .append("<title>Ark usage and cost, ").append(options.from()).append(" to ").append(options.to())
            .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Ark usage and cost</h1>\n<p class=\"meta\" id=\"period\">")
            .append(Html.escape(ReportColumns.title(options))).append("</p>\n");
        html.append(freshness(overview.lastSuccessfulSync()));

        html.append("<dl class=\"totals\">\n");
        term(html, "tasks", "Tasks", String.valueOf(total.tasks()), number(total.tasks()));
        term(html, "tasks-with-usage", "Tasks with usage", String.valueOf(total.tasksWithUsage()),
                number(total.tasksWithUsage()));
        term(html, "tokens", "Total tokens", total.totalTokens() == null ? "" : total.totalTokens().toString(),
                number(total.totalTokens()));
        total.costs().forEach((currency, cost) -> term(html, "cost-" + currency, "Cost (" + currency + ")",
                cost.toPlainString(), Money.amount(cost)));
        if (total.costs().isEmpty()) {
            term(html, "cost", "Cost", "", total.partlyUnpriced() ? Money.UNPRICED : TableFormatter.NOT_REPORTED);
        }
        Overview.Outcomes outcomes = overview.outcomes();
        term(html, "failed-rate", "Failed (of finished)", rateValue(outcomes.failedRate()), percent(outcomes.failedRate()));
        term(html, "expired-rate", "Expired (of finished)", rateValue(outcomes.expiredRate()),
                percent(outcomes.expiredRate()));
        html.append("</dl>\n");
        if (total.partlyUnpriced()) {
            html.append(String.format(Locale.ROOT, "<p class=\"stale\" id=\"unpriced\">%,d tasks with %,d tokens have no "
                    + "price in ark.model_prices: their cost is left out of every amount here, not counted as zero.</p>\n",
                    total.unpricedTasks(), total.unpricedTokens() == null ? 0 : total.unpricedTokens()));
        }
        html.append(String.format(Locale.ROOT, "<p class=\"meta\">Rates are shares of the %,d finished tasks "
                + "(succeeded, failed, expired, cancelled) of the %,d created in the period.</p>\n", outcomes.finished(),
                outcomes.tasks()));

        charts(html, options, overview.dailyByModel());

        html.append("<h2>Accounts</h2>\n");
        table(html, List.of(ReportGrouping.ACCOUNT), overview.byAccount(), "accounts");
        Map<String, List<ReportRow>> perAccount = new LinkedHashMap<>();
        overview.byAccountAndModel().forEach(row -> perAccount.computeIfAbsent(row.keys().get(0), k -> new ArrayList<>())
            .add(new ReportRow(row.keys().subList(1, 2), row.tasks(), row.tasksWithUsage(), row.completionTokens(),
                    row.totalTokens(), row.costs(), row.unpricedTasks(), row.unpricedTokens(), row.usageMissing())));
        perAccount.forEach((account, rows) -> {
            html.append("<h3>Account ").append(Html.escape(account)).append("</h3>\n");
            table(html, List.of(ReportGrouping.MODEL), rows, "account-" + Html.escape(account));
        });

        html.append("<h2>Top end users</h2>\n<p class=\"meta\">The ").append(Overview.TOP_USERS)
            .append(" end users (safety_identifier) with the most tokens; ").append(TableFormatter.NONE)
            .append(" stands for the tasks that name none. The total is theirs alone.</p>\n");
        table(html, List.of(ReportGrouping.USER), overview.topUsers(), "top-users");

        html.append("<h2>By ").append(Html.escape(options.byOptions())).append("</h2>\n");
        table(html, options.by(), report.rows(), "rows");
        html.append("<div class=\"notes\">");
        ReportColumns.footnotes(report, TableFormatter.NOT_REPORTED)
            .forEach(note -> html.append("<p>").append(Html.escape(note)).append("</p>"));
        html.append("</div>\n</body></html>\n");
        return html.toString();
    }

    private static String freshness(Instant lastSuccess) {
        if (lastSuccess == null) {
            return "<p class=\"meta stale\" id=\"freshness\">No successful sync is recorded in this database: the figures "
                    + "may miss tasks.</p>\n";
        }
        return "<p class=\"meta\" id=\"freshness\" data-value=\"" + lastSuccess + "\">Data as of the last successful sync, "
                + MINUTE.format(lastSuccess) + ": tasks created later are not in it.</p>\n";
    }

    /** Tokens, then cost per currency, per day stacked by model. */
    private static void charts(StringBuilder html, ReportOptions options, List<ReportRow> dailyByModel) {
        // The axis starts at the first day with data, not at --from: thirty days of axis for a week of tasks (a
        // fresh install, a demo) would squeeze the bars into a corner. It ends at --to, so quiet last days show.
        LocalDate first = dailyByModel.stream().map(r -> r.keys().get(0)).filter(Objects::nonNull).map(LocalDate::parse)
            .min(Comparator.naturalOrder()).orElse(options.from());
        List<LocalDate> days = first.datesUntil(options.to().plusDays(1)).toList();
        List<String> models = new ArrayList<>(new TreeSet<>(dailyByModel.stream()
            .map(r -> r.keys().get(1) == null ? TableFormatter.NONE : r.keys().get(1)).toList()));
        Map<LocalDate, Map<String, Double>> tokens = new LinkedHashMap<>();
        Map<String, Map<LocalDate, Map<String, Double>>> costs = new LinkedHashMap<>();
        for (ReportRow row : dailyByModel) {
            LocalDate day = LocalDate.parse(row.keys().get(0));
            String model = row.keys().get(1) == null ? TableFormatter.NONE : row.keys().get(1);
            if (row.totalTokens() != null) {
                tokens.computeIfAbsent(day, d -> new LinkedHashMap<>()).put(model, row.totalTokens().doubleValue());
            }
            row.costs().forEach((currency, cost) -> costs.computeIfAbsent(currency, c -> new LinkedHashMap<>())
                .computeIfAbsent(day, d -> new LinkedHashMap<>()).put(model, cost.doubleValue()));
        }
        html.append("<h2>Tokens per day, by model</h2>\n")
            .append(SvgBarChart.render("tokens-chart", "Total tokens per day, stacked by model", days, models, tokens,
                    "tokens"));
        costs.forEach((currency, values) -> html.append("<h2>Cost per day, by model (").append(Html.escape(currency))
            .append(")</h2>\n").append(SvgBarChart.render("cost-chart-" + Html.escape(currency),
                    "Cost per day in " + currency + ", stacked by model", days, models, values, currency)));
        html.append(SvgBarChart.legend(models));
    }

    private static void table(StringBuilder html, List<ReportGrouping> by, List<ReportRow> rows, String id) {
        html.append("<table id=\"").append(id).append("\"><thead><tr>");
        by.forEach(g -> html.append("<th>").append(g.column().replace('_', ' ')).append("</th>"));
        html.append("<th>tasks</th><th>with usage</th><th>tokens</th><th>cost</th></tr></thead><tbody>\n");
        for (ReportRow row : rows) {
            row(html, row, false);
        }
        List<String> totalKeys = new ArrayList<>(java.util.Collections.nCopies(by.size(), ""));
        totalKeys.set(0, "total");
        row(html, ReportRow.sum(totalKeys, rows), true);
        html.append("</tbody></table>\n");
    }

    private static void row(StringBuilder html, ReportRow row, boolean total) {
        html.append(total ? "<tr class=\"total\">" : "<tr>");
        row.keys().forEach(key -> html.append("<td>").append(Html.escape(key == null ? TableFormatter.NONE : key))
            .append("</td>"));
        html.append("<td class=\"n\">").append(number(row.tasks())).append("</td><td class=\"n\">")
            .append(number(row.tasksWithUsage())).append("</td><td class=\"n\">").append(number(row.totalTokens()))
            .append("</td><td class=\"n\">").append(Html.escape(Money.cell(row, TableFormatter.NOT_REPORTED)))
            .append("</td></tr>\n");
    }

    private static void term(StringBuilder html, String id, String label, String value, String shown) {
        html.append("<div><dt>").append(Html.escape(label)).append("</dt><dd id=\"total-").append(id)
            .append("\" data-value=\"").append(Html.escape(value)).append("\">").append(Html.escape(shown))
            .append("</dd></div>\n");
    }

    private static String number(Long value) {
        return value == null ? TableFormatter.NOT_REPORTED : String.format(Locale.ROOT, "%,d", value);
    }

    private static String rateValue(Double rate) {
        return rate == null ? "" : BigDecimal.valueOf(rate).toPlainString();
    }

    private static String percent(Double rate) {
        return rate == null ? TableFormatter.NOT_REPORTED : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }
}

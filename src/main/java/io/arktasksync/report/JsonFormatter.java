package io.arktasksync.report;

import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * For programs: one JSON object with the range, the grouping, the rows (keyed by the view's column names) and the
 * grand total. Tokens are null where no usage was reported, so that "none reported" and "zero" stay distinct. With
 * {@code --cost} each row has {@code cost}, an object of exact amounts per currency as decimal strings (a JSON number would become a
 * binary double in most readers) ({@code {}} when nothing was
 * priced), and {@code unpriced_tasks}/{@code unpriced_tokens}: usage without price, left out of the cost.
 * {@code usage_missing} counts the succeeded tasks that reported no usage: their tokens are missing from the sums.
 * With {@code --cost}, when prices assumed something the tasks do not say ({@code ark.price_assumptions}), an
 * {@code assumptions} array names it per account and model with the tasks priced on it; absent otherwise.
 */
public class JsonFormatter implements ReportFormatter {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public String format(Report report) {
        ReportOptions options = report.options();
        ObjectNode document = MAPPER.createObjectNode();
        document.put("from", options.from().toString());
        document.put("to", options.to().toString());
        document.put("by", options.by().stream().map(ReportGrouping::column).collect(Collectors.joining(",")));
        if (options.account() != null) {
            document.put("account", options.account());
        }
        ArrayNode rows = document.putArray("rows");
        for (ReportRow row : report.rows()) {
            ObjectNode node = rows.addObject();
            for (int i = 0; i < options.by().size(); i++) {
                node.put(options.by().get(i).column(), row.keys().get(i));
            }
            putFigures(node, row, options.cost());
        }
        putFigures(document.putObject("total"), report.total(), options.cost());
        if (options.cost() && !report.assumptions().isEmpty()) {
            ArrayNode assumptions = document.putArray("assumptions");
            for (AppliedAssumption a : report.assumptions()) {
                assumptions.addObject().put("account", a.account()).put("model", a.model())
                    .put("with_video_input", a.withVideoInput()).put("tasks", a.tasks());
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    }

    private static void putFigures(ObjectNode node, ReportRow row, boolean cost) {
        node.put("tasks", row.tasks());
        node.put("tasks_with_usage", row.tasksWithUsage());
        node.put("completion_tokens", row.completionTokens());
        node.put("total_tokens", row.totalTokens());
        node.put("usage_missing", row.usageMissing());
        if (cost) {
            ObjectNode amounts = node.putObject("cost");
            row.costs().forEach((currency, amount) -> amounts.put(currency, amount.toPlainString()));
            node.put("unpriced_tasks", row.unpricedTasks());
            node.put("unpriced_tokens", row.unpricedTokens());
        }
    }
}

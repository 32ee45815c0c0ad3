package io.arktasksync.report;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * For programs: one JSON object with the range, the grouping, the rows (keyed by the view's column names) and the
 * grand total. Tokens are null where no usage was reported, so that "none reported" and "zero" stay distinct.
 */
public class JsonFormatter implements ReportFormatter {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public String format(Report report) {
        ReportOptions options = report.options();
        ObjectNode document = MAPPER.createObjectNode();
        document.put("from", options.from().toString());
        document.put("to", options.to().toString());
        document.put("by", options.by().column());
        ArrayNode rows = document.putArray("rows");
        for (ReportRow row : report.rows()) {
            ObjectNode node = rows.addObject();
            node.put(options.by().column(), row.key());
            putFigures(node, row);
        }
        putFigures(document.putObject("total"), report.total());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    }

    private static void putFigures(ObjectNode node, ReportRow row) {
        node.put("tasks", row.tasks());
        node.put("tasks_with_usage", row.tasksWithUsage());
        node.put("completion_tokens", row.completionTokens());
        node.put("total_tokens", row.totalTokens());
    }
}

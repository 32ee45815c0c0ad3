package io.arktasksync.report;

import java.util.List;

/**
 * One line of the report: a group of tasks and the usage they reported.
 *
 * @param key the day (YYYY-MM-DD), model, service tier or status; null for tasks that have none
 * @param tasks tasks created in the range
 * @param tasksWithUsage those of them that reported usage
 * @param completionTokens reported completion tokens; null when no task of the group reported usage
 * @param totalTokens reported total tokens; null when no task of the group reported usage
 */
public record ReportRow(String key, long tasks, long tasksWithUsage, Long completionTokens, Long totalTokens) {

    /** The sum of the rows under another key; token sums stay null only if every row's is null. */
    static ReportRow sum(String key, List<ReportRow> rows) {
        long tasks = 0;
        long withUsage = 0;
        Long completion = null;
        Long total = null;
        for (ReportRow row : rows) {
            tasks += row.tasks();
            withUsage += row.tasksWithUsage();
            completion = plus(completion, row.completionTokens());
            total = plus(total, row.totalTokens());
        }
        return new ReportRow(key, tasks, withUsage, completion, total);
    }

    private static Long plus(Long sum, Long value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : Math.addExact(sum, value);
    }
}

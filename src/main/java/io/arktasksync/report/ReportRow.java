package io.arktasksync.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the report: a group of tasks, the usage they reported and what it cost.
 *
 * @param keys one value per {@code --by} dimension, in its order (day YYYY-MM-DD, month YYYY-MM, account, model,
 *        service tier, status); an element is null for tasks that have none
 * @param tasks tasks created in the range
 * @param tasksWithUsage those of them that reported usage
 * @param completionTokens reported completion tokens; null when no task of the group reported usage
 * @param totalTokens reported total tokens; null when no task of the group reported usage
 * @param costs the cost of the priced tasks, exact, per currency (sorted); empty when none was priced
 * @param unpricedTasks tasks that reported usage but have no price in {@code ark.model_prices}: their cost is
 *        missing from {@code costs}, not zero
 * @param unpricedTokens their total tokens; null when there are none
 * @param usageMissing succeeded tasks that reported no usage (a relay that trims items): their tokens are not
 *        reported, missing from the sums, never counted as zero
 */
public record ReportRow(List<String> keys, long tasks, long tasksWithUsage, Long completionTokens, Long totalTokens,
        Map<String, BigDecimal> costs, long unpricedTasks, Long unpricedTokens, long usageMissing) {

    public ReportRow {
        keys = Collections.unmodifiableList(new ArrayList<>(keys));
        costs = Collections.unmodifiableMap(new TreeMap<>(costs));
    }

    /** A row every succeeded task of which reported usage. */
    public ReportRow(List<String> keys, long tasks, long tasksWithUsage, Long completionTokens, Long totalTokens,
            Map<String, BigDecimal> costs, long unpricedTasks, Long unpricedTokens) {
        this(keys, tasks, tasksWithUsage, completionTokens, totalTokens, costs, unpricedTasks, unpricedTokens, 0);
    }

    /** A row of one dimension without cost figures. */
    public ReportRow(String key, long tasks, long tasksWithUsage, Long completionTokens, Long totalTokens) {
        this(Collections.singletonList(key), tasks, tasksWithUsage, completionTokens, totalTokens, Map.of(), 0, null);
    }

    /** The first key: the only one of a one-dimension report. */
    public String key() {
        return keys.get(0);
    }

    /** Whether some of the group's usage is missing from its cost. */
    public boolean partlyUnpriced() {
        return unpricedTasks > 0;
    }

    /** The sum of the rows under other keys; sums stay null only if every row's is null. */
    static ReportRow sum(List<String> keys, List<ReportRow> rows) {
        long tasks = 0;
        long withUsage = 0;
        Long completion = null;
        Long total = null;
        Map<String, BigDecimal> costs = new TreeMap<>();
        long unpricedTasks = 0;
        Long unpricedTokens = null;
        long usageMissing = 0;
        for (ReportRow row : rows) {
            tasks += row.tasks();
            withUsage += row.tasksWithUsage();
            completion = plus(completion, row.completionTokens());
            total = plus(total, row.totalTokens());
            row.costs().forEach((currency, cost) -> costs.merge(currency, cost, BigDecimal::add));
            unpricedTasks += row.unpricedTasks();
            unpricedTokens = plus(unpricedTokens, row.unpricedTokens());
            usageMissing += row.usageMissing();
        }
        return new ReportRow(keys, tasks, withUsage, completion, total, costs, unpricedTasks, unpricedTokens,
                usageMissing);
    }

    /** The sum of the rows under one key. */
    static ReportRow sum(String key, List<ReportRow> rows) {
        return sum(Collections.singletonList(key), rows);
    }

    static Long plus(Long sum, Long value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : Math.addExact(sum, value);
    }
}

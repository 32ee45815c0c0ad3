package io.arktasksync.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the database returns for one group and one currency (null: the group's tasks without price), as
 * {@code ark.daily_cost} splits it. Csv prints these as they are; the other formats merge a group's parts into one
 * {@link ReportRow}.
 *
 * @param cost exact; null when no task of the part was priced or reported usage
 * @param unpricedTasks tasks of the part that reported usage and have no price
 * @param usageMissing succeeded tasks of the part without usage: tokens not reported
 */
record ReportPart(List<String> keys, String currency, long tasks, long tasksWithUsage, Long completionTokens,
        Long totalTokens, BigDecimal cost, long unpricedTasks, Long unpricedTokens, long usageMissing) {

    ReportRow toRow() {
        return new ReportRow(keys, tasks, tasksWithUsage, completionTokens, totalTokens,
                currency == null || cost == null ? Map.of() : Map.of(currency, cost), unpricedTasks, unpricedTokens,
                usageMissing);
    }
}

package io.arktasksync.report;

import java.time.Instant;
import java.util.List;

/**
 * What the html report shows besides the rows of {@code --by}: data freshness, a chart per day and model, a table
 * per account, and the failure and expiry rates; all of the same range and account filter.
 *
 * @param lastSuccessfulSync when the last sync that ended with exit 0 finished; null when none did
 * @param dailyByModel one row per day and model (keys: day, model)
 * @param byAccount one row per account (keys: account)
 * @param byAccountAndModel one row per account and model (keys: account, model)
 * @param topUsers the end users (safety_identifier) with the most tokens, at most {@link #TOP_USERS}, tasks without
 *        one as a user of their own (key null)
 */
public record Overview(Instant lastSuccessfulSync, List<ReportRow> dailyByModel, List<ReportRow> byAccount,
        List<ReportRow> byAccountAndModel, Outcomes outcomes, List<ReportRow> topUsers) {

    static final int TOP_USERS = 10;

    public Overview {
        dailyByModel = List.copyOf(dailyByModel);
        byAccount = List.copyOf(byAccount);
        byAccountAndModel = List.copyOf(byAccountAndModel);
        topUsers = List.copyOf(topUsers);
    }

    /** The {@link #TOP_USERS} rows of most tokens, then most tasks. */
    static List<ReportRow> top(List<ReportRow> users) {
        return users.stream()
            .sorted(java.util.Comparator.comparing((ReportRow r) -> r.totalTokens() == null ? 0 : r.totalTokens())
                .thenComparing(ReportRow::tasks).reversed())
            .limit(TOP_USERS)
            .toList();
    }

    /** Task outcomes; rates are shares of finished tasks, as in {@code ark.daily_task_outcomes}. */
    public record Outcomes(long tasks, long finished, long failed, long expired) {

        /** Null while no task finished. */
        public Double failedRate() {
            return finished == 0 ? null : (double) failed / finished;
        }

        public Double expiredRate() {
            return finished == 0 ? null : (double) expired / finished;
        }
    }
}

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
 */
public record Overview(Instant lastSuccessfulSync, List<ReportRow> dailyByModel, List<ReportRow> byAccount,
        List<ReportRow> byAccountAndModel, Outcomes outcomes) {

    public Overview {
        dailyByModel = List.copyOf(dailyByModel);
        byAccount = List.copyOf(byAccount);
        byAccountAndModel = List.copyOf(byAccountAndModel);
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

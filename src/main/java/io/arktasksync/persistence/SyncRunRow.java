package io.arktasksync.persistence;

import java.time.OffsetDateTime;

/**
 * The readable summary of one run, as stored in {@code ark.sync_runs}.
 *
 * @param usageMissing succeeded tasks left without usage (not reported); null for runs recorded before it was counted
 */
public record SyncRunRow(long runId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String status,
        Integer exitCode, String baseUrl, int pages, long itemsRead, long inserted, long updated, long unchanged,
        long duplicates, long rejected, long historyRows, Long apiTotal, String message, Long usageMissing) {
}

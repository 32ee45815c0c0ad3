package io.arktasksync.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sync job writes, judges and stops a run. Shared by all accounts.
 *
 * @param chunkSize items per database transaction
 * @param synchronousCommit whether a chunk's commit waits for PostgreSQL to flush it to disk; false (the default)
 *        commits chunks with synchronous_commit = off: a database crash can lose the last moment of committed chunks,
 *        always together with the job's record of them, so the next run reads them again
 * @param maxRejectRatio share of read items that may be rejected before the run ends with exit code 6 (0..1)
 * @param lastSeenResolution how stale last_seen_at may get before an unchanged task is touched again (so a re-run
 *        writes nothing)
 * @param shutdownGracePeriod on SIGTERM, how long to wait for the sync to stop at a chunk boundary
 * @param failWhenUnreconciled end with exit code 8 (instead of a warning) when a listing could not be reconciled
 */
@ConfigurationProperties("ark")
public record JobSettings(
        @DefaultValue("500") @Range(min = 1, max = 100_000) int chunkSize,
        @DefaultValue("false") boolean synchronousCommit,
        @DefaultValue("0.01") @DecimalMin(value = "0", message = RATIO_RANGE)
        @DecimalMax(value = "1", message = RATIO_RANGE) double maxRejectRatio,
        @DefaultValue("1h") Duration lastSeenResolution,
        @DefaultValue("25s") @PositiveDuration Duration shutdownGracePeriod,
        @DefaultValue("false") boolean failWhenUnreconciled) {

    private static final String RATIO_RANGE = "must be between 0 and 1";
}

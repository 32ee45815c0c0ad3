package io.arktasksync.persistence;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the database already holds of one account, for choosing between a full and an incremental run and planning
 * the latter. Another account's runs and tasks say nothing about what this account's listing holds.
 */
public interface PlanningDao {

    /**
     * The last completed run: an incremental run may follow only a reconciled one.
     * @return its {@code reconciled} flag, empty when no run completed yet
     */
    @SqlQuery("""
            SELECT coalesce(reconciled, false) FROM ark.sync_runs
            WHERE account = :account AND status = 'COMPLETED' ORDER BY run_id DESC LIMIT 1
            """)
    Optional<Boolean> lastCompletedRunReconciled(@Bind("account") String account);

    /** Seconds since the start of the last completed, reconciled full run, empty when there was none. */
    @SqlQuery("""
            SELECT extract(epoch FROM now() - started_at)::bigint FROM ark.sync_runs
            WHERE account = :account AND status = 'COMPLETED' AND mode = 'full' AND reconciled
            ORDER BY run_id DESC LIMIT 1
            """)
    Optional<Long> secondsSinceLastFullRun(@Bind("account") String account);

    /** The newest stored creation time of a tier, in Unix seconds: where the head of its listing was. */
    @SqlQuery("""
            SELECT extract(epoch FROM max(created_at))::bigint FROM ark.tasks
            WHERE account = :account AND coalesce(service_tier, 'default') = :tier
            """)
    Optional<Long> newestCreatedAt(@Bind("account") String account, @Bind("tier") String tier);

    /**
     * Tasks of a tier the database still holds with an unfinished status ({@code queued} or {@code running}) and
     * the API may still list: they can have moved on.
     */
    @SqlQuery("""
            SELECT id FROM ark.tasks
            WHERE account = :account AND coalesce(service_tier, 'default') = :tier AND status = :status
              AND status IN ('queued', 'running') AND gone_at IS NULL AND created_at > now() - interval '7 days 1 hour'
            ORDER BY id
            """)
    List<String> unfinishedTaskIds(@Bind("account") String account, @Bind("tier") String tier,
            @Bind("status") String status);

    /**
     * Every task of a tier the database holds as {@code queued} and not gone, whatever its age: what a tier's queued
     * listing is counted against ({@code recheck} marks the ones {@link #unfinishedTaskIds} returns).
     */
    @SqlQuery("""
            SELECT id, coalesce(extract(epoch FROM created_at)::bigint, 0) AS created_at,
                   coalesce(created_at > now() - interval '7 days 1 hour', false) AS recheck
            FROM ark.tasks
            WHERE account = :account AND coalesce(service_tier, 'default') = :tier AND status = 'queued'
              AND gone_at IS NULL
            """)
    @RegisterConstructorMapper(StoredQueuedTask.class)
    List<StoredQueuedTask> storedQueued(@Bind("account") String account, @Bind("tier") String tier);

    /**
     * Tasks of a tier stored with a status the job does not know: a new status might come before {@code queued}, and
     * its tasks would then join the queue without being counted as queued.
     */
    @SqlQuery("""
            SELECT count(*) FROM ark.tasks
            WHERE account = :account AND coalesce(service_tier, 'default') = :tier AND gone_at IS NULL
              AND coalesce(status, '') NOT IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired')
            """)
    long tasksWithUnknownStatus(@Bind("account") String account, @Bind("tier") String tier);
}

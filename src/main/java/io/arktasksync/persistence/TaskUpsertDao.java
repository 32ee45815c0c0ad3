package io.arktasksync.persistence;

import java.time.OffsetDateTime;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Writes a chunk of tasks, their usage and their history in one statement.
 * <p>
 * Every sub-statement of the query sees the rows as they were before it, so the {@code decided} step can compare
 * each incoming task with its stored version and:
 * <ul>
 * <li>insert new tasks; rewrite a known one only when its item changed (jsonb equality ignores key order), when
 * {@code last_seen_at} is older than the resolution, or when it had been marked gone: an unchanged task costs no new
 * row version;</li>
 * <li>never let an older observation overwrite a newer one ({@code updated_at} went backwards: "stale");</li>
 * <li>append one history row per new version (status, updated_at, tokens, urls, error), none for a repeat;</li>
 * <li>upsert usage only when reported and different;</li>
 * <li>keep a task's {@code account}: the account that stored it first. Two accounts listing the same id (two keys
 * of one Ark account) update one row without moving it to and fro (src/docs/accounts.md).</li>
 * </ul>
 * A written row keeps the staged {@code content_hash}, by which {@link UnchangedTaskDao} recognises a repeat later.
 * The input is the chunk {@link ChunkStaging} loaded into {@code sync_input}, distinct by id. Runs in the caller's
 * (the chunk's) transaction.
 */
public interface TaskUpsertDao {

    @SqlQuery("""
            WITH decided AS (
                SELECT i.*,
                       to_timestamp(i.created_epoch) AS created_at,
                       to_timestamp(i.updated_epoch) AS updated_at,
                       t.id IS NULL AS is_new,
                       (t.updated_at IS NOT NULL AND i.updated_epoch IS NOT NULL
                           AND to_timestamp(i.updated_epoch) < t.updated_at) AS is_stale,
                       t.raw AS old_raw, t.last_seen_at AS old_last_seen_at, t.gone_at AS old_gone_at,
                       t.status AS old_status, t.updated_at AS old_updated_at, t.video_url AS old_video_url,
                       t.last_frame_url AS old_last_frame_url, t.error_code AS old_error_code,
                       t.error_message AS old_error_message,
                       u.task_id IS NOT NULL AS had_usage, u.completion_tokens AS old_completion_tokens,
                       u.total_tokens AS old_total_tokens, u.tool_usage AS old_tool_usage
                FROM pg_temp.sync_input i
                -- OFFSET 0 keeps these as per-row index lookups: with a fresh temp table and young statistics
                -- the planner would otherwise hash-join, scanning all of task_usage once per chunk.
                LEFT JOIN LATERAL (SELECT * FROM ark.tasks t WHERE t.id = i.id OFFSET 0) t ON true
                LEFT JOIN LATERAL (SELECT * FROM ark.task_usage u WHERE u.task_id = i.id OFFSET 0) u ON true
            ),
            tasks_written AS (
                INSERT INTO ark.tasks AS t (id, account, model, status, service_tier, video_url, last_frame_url,
                                            file_url, error_code, error_message, resolution, ratio, duration, frames,
                                            fps, seed, created_at, updated_at, first_seen_at, last_seen_at,
                                            last_changed_at, gone_at, first_run_id, raw, content_hash,
                                            safety_identifier, priority, draft, generate_audio, tool_types)
                SELECT id, :account, model, status, service_tier, video_url, last_frame_url, file_url, error_code,
                       error_message, resolution, ratio, duration, frames, fps, seed, created_at, updated_at,
                       :now, :now, :now, NULL, :runId, raw, content_hash,
                       safety_identifier, priority, draft, generate_audio, tool_types
                FROM decided
                WHERE is_new
                   OR (NOT is_stale AND (raw IS DISTINCT FROM old_raw
                                         OR old_gone_at IS NOT NULL
                                         OR old_last_seen_at < :touchBefore))
                ON CONFLICT (id) DO UPDATE SET
                    model = excluded.model, status = excluded.status,
                    service_tier = excluded.service_tier, video_url = excluded.video_url,
                    last_frame_url = excluded.last_frame_url, file_url = excluded.file_url,
                    error_code = excluded.error_code, error_message = excluded.error_message,
                    resolution = excluded.resolution, ratio = excluded.ratio, duration = excluded.duration,
                    frames = excluded.frames, fps = excluded.fps, seed = excluded.seed,
                    created_at = excluded.created_at, updated_at = excluded.updated_at,
                    last_seen_at = excluded.last_seen_at,
                    last_changed_at = CASE WHEN t.raw IS DISTINCT FROM excluded.raw
                                           THEN excluded.last_changed_at ELSE t.last_changed_at END,
                    gone_at = NULL,
                    raw = excluded.raw,
                    content_hash = excluded.content_hash,
                    safety_identifier = excluded.safety_identifier, priority = excluded.priority,
                    draft = excluded.draft, generate_audio = excluded.generate_audio, tool_types = excluded.tool_types
                RETURNING t.id
            ),
            usage_written AS (
                INSERT INTO ark.task_usage AS u (task_id, completion_tokens, total_tokens, tool_usage, recorded_at)
                SELECT id, completion_tokens, total_tokens, tool_usage, :now
                FROM decided
                WHERE has_usage AND NOT is_stale
                  AND (NOT had_usage
                       OR (completion_tokens, total_tokens, tool_usage)
                          IS DISTINCT FROM (old_completion_tokens, old_total_tokens, old_tool_usage))
                ON CONFLICT (task_id) DO UPDATE SET
                    completion_tokens = excluded.completion_tokens, total_tokens = excluded.total_tokens,
                    tool_usage = excluded.tool_usage, recorded_at = excluded.recorded_at
                RETURNING u.task_id
            ),
            history_written AS (
                INSERT INTO ark.task_history (task_id, run_id, observed_at, status, task_updated_at,
                                              completion_tokens, total_tokens, video_url, last_frame_url,
                                              error_code, error_message)
                SELECT id, :runId, :now, status, updated_at, completion_tokens, total_tokens, video_url,
                       last_frame_url, error_code, error_message
                FROM decided
                WHERE is_new
                   OR (NOT is_stale
                       AND ((status, updated_at, video_url, last_frame_url, error_code, error_message)
                                IS DISTINCT FROM (old_status, old_updated_at, old_video_url, old_last_frame_url,
                                                  old_error_code, old_error_message)
                            OR (has_usage AND (completion_tokens, total_tokens)
                                              IS DISTINCT FROM (old_completion_tokens, old_total_tokens))))
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM decided WHERE is_new) AS inserted,
                   (SELECT count(*) FROM decided
                     WHERE NOT is_new AND NOT is_stale AND raw IS DISTINCT FROM old_raw) AS updated,
                   (SELECT count(*) FROM history_written) AS history_rows
            """)
    @RegisterConstructorMapper(UpsertOutcome.class)
    UpsertOutcome upsertStaged(@Bind("account") String account, @Bind("runId") long runId,
            @Bind("now") OffsetDateTime now, @Bind("touchBefore") OffsetDateTime touchBefore);
}

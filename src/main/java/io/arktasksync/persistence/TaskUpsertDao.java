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
 * <li>never erase with less: an item of the same version as the stored one (same status and {@code updated_at},
 * or none given) is merged into it, so that what it carries empty (links, error, any raw field: a relay that trims
 * items) keeps its stored value ({@code ark.merge_same_version}, src/docs/database.md); another version replaces
 * the row;</li>
 * <li>append one history row per new version (status, updated_at, tokens, urls, error), none for a repeat;</li>
 * <li>upsert usage only when reported and different (never removed), and count the succeeded tasks left without
 * any;</li>
 * <li>keep a task's {@code account}: the account that stored it first. Two accounts listing the same id (two keys
 * of one Ark account) update one row without moving it to and fro (src/docs/accounts.md).</li>
 * </ul>
 * A written row keeps the staged {@code content_hash}, by which {@link UnchangedTaskDao} recognises a repeat later.
 * The input is the chunk {@link ChunkStaging} loaded into {@code sync_input}, distinct by id. Runs in the caller's
 * (the chunk's) transaction.
 */
public interface TaskUpsertDao {

    @SqlQuery("""
            WITH observed AS (
                SELECT i.*,
                       to_timestamp(i.created_epoch) AS created_at,
                       to_timestamp(i.updated_epoch) AS updated_at,
                       t.id IS NULL AS is_new,
                       (t.updated_at IS NOT NULL AND i.updated_epoch IS NOT NULL
                           AND to_timestamp(i.updated_epoch) < t.updated_at) AS is_stale,
                       -- neither its status nor its updated_at says the item is another version than the stored one
                       (t.id IS NOT NULL
                           AND coalesce(i.status, t.status) IS NOT DISTINCT FROM t.status
                           AND coalesce(to_timestamp(i.updated_epoch), t.updated_at) IS NOT DISTINCT FROM t.updated_at)
                           AS same_version,
                       t.raw AS old_raw, t.last_seen_at AS old_last_seen_at, t.gone_at AS old_gone_at,
                       t.status AS old_status, t.updated_at AS old_updated_at, t.video_url AS old_video_url,
                       t.last_frame_url AS old_last_frame_url, t.error_code AS old_error_code,
                       t.error_message AS old_error_message, t.model AS old_model,
                       t.service_tier AS old_service_tier, t.file_url AS old_file_url,
                       t.resolution AS old_resolution, t.ratio AS old_ratio, t.duration AS old_duration,
                       t.frames AS old_frames, t.fps AS old_fps, t.seed AS old_seed, t.created_at AS old_created_at,
                       t.safety_identifier AS old_safety_identifier, t.priority AS old_priority, t.account AS old_account,
                       t.draft AS old_draft, t.generate_audio AS old_generate_audio, t.tool_types AS old_tool_types,
                       u.task_id IS NOT NULL AS had_usage, u.completion_tokens AS old_completion_tokens,
                       u.total_tokens AS old_total_tokens, u.tool_usage AS old_tool_usage
                FROM pg_temp.sync_input i
                -- OFFSET 0 keeps these as per-row index lookups: with a fresh temp table and young statistics
                -- the planner would otherwise hash-join, scanning all of task_usage once per chunk.
                LEFT JOIN LATERAL (SELECT * FROM ark.tasks t WHERE t.id = i.id OFFSET 0) t ON true
                LEFT JOIN LATERAL (SELECT * FROM ark.task_usage u WHERE u.task_id = i.id OFFSET 0) u ON true
            ),
            -- Never erase with less: an item of the same version keeps every stored value it carries empty (a relay
            -- that trims items sends only id, model, status and timestamps); another version replaces the row.
            decided AS (
                SELECT id, is_new, is_stale, content_hash, has_usage, completion_tokens, total_tokens, tool_usage,
                       old_raw, old_last_seen_at, old_gone_at, old_status, old_updated_at, old_video_url,
                       old_last_frame_url, old_error_code, old_error_message, had_usage, old_completion_tokens,
                       old_total_tokens, old_tool_usage, old_account, old_created_at, old_model, old_service_tier,
                       old_safety_identifier, old_generate_audio, old_resolution, old_draft,
                       CASE WHEN same_version AND raw IS DISTINCT FROM old_raw
                            THEN ark.merge_same_version(old_raw, raw) ELSE raw END AS raw,
                       coalesce(nullif(model, ''), CASE WHEN same_version THEN old_model END, model) AS model,
                       coalesce(status, CASE WHEN same_version THEN old_status END) AS status,
                       coalesce(nullif(service_tier, ''), CASE WHEN same_version THEN old_service_tier END,
                                service_tier) AS service_tier,
                       coalesce(video_url, CASE WHEN same_version THEN old_video_url END) AS video_url,
                       coalesce(last_frame_url, CASE WHEN same_version THEN old_last_frame_url END) AS last_frame_url,
                       coalesce(file_url, CASE WHEN same_version THEN old_file_url END) AS file_url,
                       coalesce(error_code, CASE WHEN same_version THEN old_error_code END) AS error_code,
                       coalesce(error_message, CASE WHEN same_version THEN old_error_message END) AS error_message,
                       coalesce(nullif(resolution, ''), CASE WHEN same_version THEN old_resolution END, resolution)
                           AS resolution,
                       coalesce(nullif(ratio, ''), CASE WHEN same_version THEN old_ratio END, ratio) AS ratio,
                       coalesce(duration, CASE WHEN same_version THEN old_duration END) AS duration,
                       coalesce(frames, CASE WHEN same_version THEN old_frames END) AS frames,
                       coalesce(fps, CASE WHEN same_version THEN old_fps END) AS fps,
                       coalesce(seed, CASE WHEN same_version THEN old_seed END) AS seed,
                       coalesce(created_at, CASE WHEN same_version THEN old_created_at END) AS created_at,
                       coalesce(updated_at, CASE WHEN same_version THEN old_updated_at END) AS updated_at,
                       coalesce(safety_identifier, CASE WHEN same_version THEN old_safety_identifier END)
                           AS safety_identifier,
                       coalesce(priority, CASE WHEN same_version THEN old_priority END) AS priority,
                       coalesce(draft, CASE WHEN same_version THEN old_draft END) AS draft,
                       coalesce(generate_audio, CASE WHEN same_version THEN old_generate_audio END) AS generate_audio,
                       coalesce(tool_types, CASE WHEN same_version THEN old_tool_types END) AS tool_types
                FROM observed
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
                -- as stored: the account is the first writer's
                RETURNING t.id, t.created_at, t.account, t.model, t.service_tier, t.status, t.safety_identifier,
                          t.generate_audio, t.resolution, t.draft
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
                RETURNING u.task_id, u.completion_tokens, u.total_tokens
            ),
            -- ark.task_cost_inputs (what report --cost reads) of the tasks whose narrow row this statement changes:
            -- new ones, those whose copied columns or usage changed. The triggers that follow the statement find them
            -- current and recompute nothing (db/V23).
            narrow AS (
                SELECT w.*, uw.task_id IS NOT NULL OR d.had_usage AS has_usage,
                       CASE WHEN uw.task_id IS NOT NULL THEN uw.completion_tokens ELSE d.old_completion_tokens END
                           AS completion_tokens,
                       CASE WHEN uw.task_id IS NOT NULL THEN uw.total_tokens ELSE d.old_total_tokens END
                           AS total_tokens
                FROM tasks_written w
                JOIN decided d ON d.id = w.id
                LEFT JOIN usage_written uw ON uw.task_id = w.id
                WHERE d.is_new OR uw.task_id IS NOT NULL
                   OR (w.created_at, w.account, w.model, w.service_tier, w.status, w.safety_identifier,
                       w.generate_audio, w.resolution, w.draft)
                      IS DISTINCT FROM (d.old_created_at, d.old_account, d.old_model, d.old_service_tier, d.old_status,
                                        d.old_safety_identifier, d.old_generate_audio, d.old_resolution, d.old_draft)
            ),
            -- the price keys these rows name (a new combination gets its key here; NULL equals NULL, as in the
            -- unique index). Spelled out column by column, here and in narrow_written, so that the joins can hash:
            -- a row comparison with IS NOT DISTINCT FROM cannot, and its estimate had a server with JIT on compile
            -- the statement at length (a sync test 134 s against 10 s, before ChunkStaging turned JIT off)
            keys_needed AS (
                SELECT DISTINCT n.account, n.model, n.service_tier, n.generate_audio, n.resolution, n.draft, k.price_key
                FROM narrow n
                LEFT JOIN ark.task_price_keys k ON k.account = n.account
                    AND coalesce(k.model, '') = coalesce(n.model, '') AND (k.model IS NULL) = (n.model IS NULL)
                    AND coalesce(k.service_tier, '') = coalesce(n.service_tier, '')
                    AND (k.service_tier IS NULL) = (n.service_tier IS NULL)
                    AND coalesce(k.generate_audio::int, -1) = coalesce(n.generate_audio::int, -1)
                    AND coalesce(k.resolution, '') = coalesce(n.resolution, '')
                    AND (k.resolution IS NULL) = (n.resolution IS NULL)
                    AND coalesce(k.draft::int, -1) = coalesce(n.draft::int, -1)
            ),
            keys_added AS (
                INSERT INTO ark.task_price_keys AS k (account, model, service_tier, generate_audio, resolution, draft)
                SELECT account, model, service_tier, generate_audio, resolution, draft
                FROM keys_needed
                WHERE price_key IS NULL
                -- a writer of another session that added the same key since: wait for it and take its key
                ON CONFLICT (account, coalesce(model, ''), (model IS NULL), coalesce(service_tier, ''),
                             (service_tier IS NULL), coalesce(generate_audio::int, -1), coalesce(resolution, ''),
                             (resolution IS NULL), coalesce(draft::int, -1))
                    DO UPDATE SET account = excluded.account
                RETURNING k.price_key, k.account, k.model, k.service_tier, k.generate_audio, k.resolution, k.draft
            ),
            keys AS (
                SELECT price_key, account, model, service_tier, generate_audio, resolution, draft
                FROM keys_needed WHERE price_key IS NOT NULL
                UNION ALL
                SELECT price_key, account, model, service_tier, generate_audio, resolution, draft FROM keys_added
            ),
            narrow_written AS (
                INSERT INTO ark.task_cost_inputs AS c (task_id, day, created_at, account, model, service_tier, status,
                                                       safety_identifier, price_key, has_usage, completion_tokens,
                                                       total_tokens)
                SELECT n.id, (n.created_at AT TIME ZONE 'UTC')::date, n.created_at, n.account, n.model,
                       n.service_tier, n.status, n.safety_identifier, k.price_key, n.has_usage, n.completion_tokens,
                       n.total_tokens
                FROM narrow n
                JOIN keys k ON k.account = n.account
                    AND coalesce(k.model, '') = coalesce(n.model, '') AND (k.model IS NULL) = (n.model IS NULL)
                    AND coalesce(k.service_tier, '') = coalesce(n.service_tier, '')
                    AND (k.service_tier IS NULL) = (n.service_tier IS NULL)
                    AND coalesce(k.generate_audio::int, -1) = coalesce(n.generate_audio::int, -1)
                    AND coalesce(k.resolution, '') = coalesce(n.resolution, '')
                    AND (k.resolution IS NULL) = (n.resolution IS NULL)
                    AND coalesce(k.draft::int, -1) = coalesce(n.draft::int, -1)
                ON CONFLICT (task_id) DO UPDATE SET
                    day = excluded.day, created_at = excluded.created_at, account = excluded.account,
                    model = excluded.model, service_tier = excluded.service_tier, status = excluded.status,
                    safety_identifier = excluded.safety_identifier, price_key = excluded.price_key,
                    has_usage = excluded.has_usage, completion_tokens = excluded.completion_tokens,
                    total_tokens = excluded.total_tokens
                RETURNING 1
            ),
            -- usage written for a task this statement did not rewrite: only the usage columns of its row change
            narrow_usage_written AS (
                UPDATE ark.task_cost_inputs c
                SET has_usage = true, completion_tokens = uw.completion_tokens, total_tokens = uw.total_tokens
                FROM usage_written uw
                WHERE c.task_id = uw.task_id
                  AND NOT EXISTS (SELECT 1 FROM tasks_written w WHERE w.id = uw.task_id)
                RETURNING 1
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
                   (SELECT count(*) FROM history_written) AS history_rows,
                   (SELECT count(*) FROM decided
                     WHERE NOT is_stale AND status = 'succeeded' AND NOT has_usage AND NOT had_usage)
                       AS usage_missing
            """)
    @RegisterConstructorMapper(UpsertOutcome.class)
    UpsertOutcome upsertStaged(@Bind("account") String account, @Bind("runId") long runId,
            @Bind("now") OffsetDateTime now, @Bind("touchBefore") OffsetDateTime touchBefore);
}

-- Reporting views: the documented, stable way to read ark.* with plain SQL, Grafana or the report command.
-- Never edit this file once shipped; change the schema with a new migration.
--
-- Conventions of every view here:
--   * day and month are calendar days and months in UTC of the task's created_at (when the task was submitted),
--     not of when it was synced. A task without created_at has a NULL day.
--   * Token figures are the sum of the usage the API reported. A task without usage (queued, running, most
--     failures) adds nothing: absent means "not reported", never zero, as in ark.task_usage. tasks_with_usage
--     says how many of a group's tasks reported usage; token sums are NULL when none of them did.
--   * Statuses are text on purpose (the API adds new ones); a status these views do not know is still counted
--     in "tasks" and nowhere else.
--
-- The day and month expressions below are repeated verbatim in the indexes at the end: PostgreSQL uses an
-- expression index only for the very same expression, and a filter on a view's day or month column becomes a
-- filter on that expression. Keep them identical.

CREATE VIEW ark.daily_token_usage AS
SELECT (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.model,
       t.service_tier,
       t.status,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2, 3, 4;

COMMENT ON VIEW ark.daily_token_usage IS
    'Tasks and reported token usage per UTC day of created_at, model, service tier and status. '
    'tasks counts every task; tasks_with_usage those that reported usage; completion_tokens and total_tokens sum '
    'the reported usage (a task without usage adds nothing: not reported, not zero) and are NULL when no task of '
    'the row reported any. Filter on day for speed: WHERE day >= DATE ''2026-11-01''.';

CREATE VIEW ark.monthly_token_usage AS
SELECT date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       t.model,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2;

COMMENT ON VIEW ark.monthly_token_usage IS
    'Tasks and reported token usage per UTC calendar month of created_at (month = its first day) and model. '
    'Token sums as in ark.daily_token_usage: reported usage only, NULL when no task of the row reported any.';

CREATE VIEW ark.monthly_token_usage_by_account AS
SELECT date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       t.account,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2;

COMMENT ON VIEW ark.monthly_token_usage_by_account IS
    'Tasks and reported token usage per UTC calendar month of created_at and account (ARK_ACCOUNT of the sync '
    'that last stored the task). Token sums as in ark.daily_token_usage.';

CREATE VIEW ark.daily_task_outcomes AS
SELECT (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.model,
       count(*)                                                                      AS tasks,
       count(*) FILTER (WHERE t.status = 'succeeded')                                AS succeeded,
       count(*) FILTER (WHERE t.status = 'failed')                                   AS failed,
       count(*) FILTER (WHERE t.status = 'expired')                                  AS expired,
       count(*) FILTER (WHERE t.status = 'cancelled')                                AS cancelled,
       count(*) FILTER (WHERE t.status IN ('queued', 'running'))                     AS unfinished,
       count(*) FILTER (WHERE t.status IN ('succeeded', 'failed', 'expired', 'cancelled')) AS finished,
       (count(*) FILTER (WHERE t.status = 'failed'))::double precision
           / nullif(count(*) FILTER (WHERE t.status IN ('succeeded', 'failed', 'expired', 'cancelled')), 0)
                                                                                     AS failed_rate,
       (count(*) FILTER (WHERE t.status = 'expired'))::double precision
           / nullif(count(*) FILTER (WHERE t.status IN ('succeeded', 'failed', 'expired', 'cancelled')), 0)
                                                                                     AS expired_rate,
       (count(*) FILTER (WHERE t.status = 'cancelled'))::double precision
           / nullif(count(*) FILTER (WHERE t.status IN ('succeeded', 'failed', 'expired', 'cancelled')), 0)
                                                                                     AS cancelled_rate
FROM ark.tasks t
GROUP BY 1, 2;

COMMENT ON VIEW ark.daily_task_outcomes IS
    'Task outcomes per UTC day of created_at and model. finished = succeeded + failed + expired + cancelled; '
    'failed_rate, expired_rate and cancelled_rate are shares of finished tasks (0..1), NULL while none finished, '
    'so that tasks still queued or running do not dilute them. A status not named here counts only in tasks.';

CREATE VIEW ark.task_latency AS
SELECT t.id,
       (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.model,
       t.service_tier,
       t.status,
       t.created_at,
       t.updated_at,
       extract(epoch FROM t.updated_at - t.created_at)::double precision AS latency_seconds
FROM ark.tasks t
WHERE t.status IN ('succeeded', 'failed', 'expired', 'cancelled')
  AND t.updated_at >= t.created_at;

COMMENT ON VIEW ark.task_latency IS
    'One row per finished task (succeeded, failed, expired, cancelled) with its latency: updated_at - created_at '
    'in seconds, the time from submission to the final status. Use it for percentiles over any range, e.g. '
    'percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_seconds). Tasks whose updated_at precedes created_at '
    'are left out: their latency is unknown, not negative.';

CREATE VIEW ark.daily_task_latency AS
SELECT day,
       model,
       status,
       count(*)                                                            AS tasks,
       percentile_cont(0.50) WITHIN GROUP (ORDER BY latency_seconds)      AS p50_seconds,
       percentile_cont(0.90) WITHIN GROUP (ORDER BY latency_seconds)      AS p90_seconds,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_seconds)      AS p95_seconds,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_seconds)      AS p99_seconds,
       max(latency_seconds)                                                AS max_seconds
FROM ark.task_latency
GROUP BY day, model, status;

COMMENT ON VIEW ark.daily_task_latency IS
    'Latency percentiles (continuous, interpolated) of finished tasks per UTC day of created_at, model and final '
    'status, in seconds. Percentiles cannot be added up across rows: for another grouping or range compute them '
    'from ark.task_latency. Filter on status = ''succeeded'' for the time to a video.';

CREATE VIEW ark.expired_video_urls AS
SELECT t.id,
       (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.account,
       t.model,
       t.service_tier,
       t.created_at,
       t.updated_at,
       t.updated_at + interval '24 hours' AS url_expired_at,
       t.video_url,
       t.last_frame_url
FROM ark.tasks t
WHERE t.status = 'succeeded'
  AND t.video_url <> ''
  AND t.updated_at <= now() - interval '24 hours';

COMMENT ON VIEW ark.expired_video_urls IS
    'Succeeded tasks whose signed video URL (and last frame URL) no longer works: Ark signs them for 24 hours '
    'from the moment the task finished (updated_at), so url_expired_at = updated_at + 24 h is in the past. The '
    'URLs are kept as the API sent them, for the record; the video itself must have been downloaded in time.';

CREATE FUNCTION ark.task_timeline(task_id text)
RETURNS TABLE (history_id        bigint,
               model             text,
               observed_at       timestamptz,
               run_id            bigint,
               status            text,
               task_updated_at   timestamptz,
               completion_tokens bigint,
               total_tokens      bigint,
               video_url         text,
               last_frame_url    text,
               error_code        text,
               error_message     text)
LANGUAGE sql STABLE
AS $$
    -- The parameter shares its name with a column, so it is qualified with the function's name.
    SELECT h.history_id, t.model, h.observed_at, h.run_id, h.status, h.task_updated_at, h.completion_tokens,
           h.total_tokens, h.video_url, h.last_frame_url, h.error_code, h.error_message
    FROM ark.task_history h
    LEFT JOIN ark.tasks t ON t.id = h.task_id
    WHERE h.task_id = task_timeline.task_id
    ORDER BY h.history_id
$$;

COMMENT ON FUNCTION ark.task_timeline(text) IS
    'Every observed version of one task, oldest first (ordered by history_id): status, tokens, URLs and error as '
    'each sync saw them, with the task''s model. SELECT * FROM ark.task_timeline(''cgt-...'').';

-- Indexes for the views. Every view is read with a day (or month) range, so each index leads with the UTC day
-- (or month) expression of created_at. They carry the grouping columns and the task id (for the usage join)
-- as INCLUDE columns, so that a range is answered from the index without visiting ark.tasks, whose rows are
-- wide (raw holds the whole item). created_at itself must be included too: PostgreSQL plans an index-only scan
-- only when every column the query mentions is in the index, and the views compute day and month from it.
-- None of these columns changes when a sync only refreshes last_seen_at, so those updates stay HOT.
CREATE INDEX tasks_utc_day_idx ON ark.tasks (((created_at AT TIME ZONE 'UTC')::date), model)
    INCLUDE (service_tier, status, id, created_at, updated_at);

CREATE INDEX tasks_utc_month_idx ON ark.tasks ((date_trunc('month', created_at AT TIME ZONE 'UTC')::date), model)
    INCLUDE (account, id, created_at);

-- The usage of the tasks in a range, read from the index alone. With it the planner looks usage up task by task
-- when the range is short (a week) instead of hashing all of ark.task_usage, and still hashes it, in parallel,
-- when the range is long, where that is cheaper. Measured with src/bench/reporting-explain.sh at 2 million
-- tasks: tokens per model per day over 7 days went from about 1.5 s to 0.3 s.
CREATE INDEX task_usage_tokens_idx ON ark.task_usage (task_id) INCLUDE (completion_tokens, total_tokens);

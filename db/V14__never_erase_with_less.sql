-- Never erase with less (src/docs/database.md, "How a task is merged"). Never edit this file once shipped; change the
-- schema with a new migration.
--
-- An observation of the same version of a task as the one stored (same status, same updated_at) that carries fewer
-- fields, as a relay that trims items sends, is merged into what is stored instead of replacing it. This function
-- merges its item into the stored raw: every stored field stays; a field the observation carries with a value wins;
-- one it carries empty (null, "", {} or []) keeps the stored value; objects on both sides (content, usage, error)
-- are merged the same way, field by field. A newer version is never merged: it replaces the stored item.
CREATE FUNCTION ark.merge_same_version(stored jsonb, observed jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(stored) = 'object' AND jsonb_typeof(observed) = 'object' THEN
            stored || coalesce((
                SELECT jsonb_object_agg(o.key,
                           CASE WHEN jsonb_typeof(s.value) = 'object' AND jsonb_typeof(o.value) = 'object'
                                THEN ark.merge_same_version(s.value, o.value)
                                ELSE o.value END)
                FROM jsonb_each(observed) o
                LEFT JOIN jsonb_each(stored) s ON s.key = o.key
                WHERE s.key IS NULL OR o.value NOT IN ('null'::jsonb, '""'::jsonb, '{}'::jsonb, '[]'::jsonb)
            ), '{}'::jsonb)
        ELSE observed
    END
$$;

COMMENT ON FUNCTION ark.merge_same_version(jsonb, jsonb) IS
    'The raw item kept when an observation of the same task version (same status and updated_at) arrives: the '
    'stored fields, overridden by the observed ones that carry a value (not null, "", {} or []), objects merged '
    'field by field. Used by the sync so that a poorer observation (a relay that trims items) never erases what is '
    'stored.';

-- Succeeded tasks whose item came without usage and had none stored: tokens the record does not hold (shown as not
-- reported, never as zero). Null for runs recorded before this column existed.
ALTER TABLE ark.sync_runs ADD COLUMN usage_missing bigint;
COMMENT ON COLUMN ark.sync_runs.usage_missing IS
    'Succeeded tasks the run merged whose item carried no usage and that had none stored: their tokens are not reported';

-- The token views say how many succeeded tasks of a row reported no usage, as their last column: their tokens are
-- missing from the sums (not reported, never zero). Everything else is as V3, V5 and V8 defined it.
CREATE OR REPLACE VIEW ark.daily_token_usage AS
SELECT (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.model,
       t.service_tier,
       t.status,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens,
       t.account,
       count(*) FILTER (WHERE t.status = 'succeeded' AND u.task_id IS NULL) AS succeeded_without_usage
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2, 3, 4, t.account;

CREATE OR REPLACE VIEW ark.monthly_token_usage AS
SELECT date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       t.model,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens,
       t.account,
       count(*) FILTER (WHERE t.status = 'succeeded' AND u.task_id IS NULL) AS succeeded_without_usage
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2, t.account;

CREATE OR REPLACE VIEW ark.monthly_token_usage_by_account AS
SELECT date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       t.account,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens,
       count(*) FILTER (WHERE t.status = 'succeeded' AND u.task_id IS NULL) AS succeeded_without_usage
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2;

CREATE OR REPLACE VIEW ark.daily_cost AS
SELECT day,
       account,
       model,
       service_tier,
       count(*)                             AS tasks,
       count(*) FILTER (WHERE has_usage)    AS tasks_with_usage,
       sum(total_tokens)::bigint            AS total_tokens,
       sum(cost)                            AS cost,
       currency,
       unpriced,
       count(*) FILTER (WHERE status = 'succeeded' AND NOT has_usage) AS succeeded_without_usage
FROM ark.task_costs
GROUP BY day, account, model, service_tier, currency, unpriced;

CREATE OR REPLACE VIEW ark.monthly_cost AS
SELECT month,
       account,
       model,
       service_tier,
       count(*)                             AS tasks,
       count(*) FILTER (WHERE has_usage)    AS tasks_with_usage,
       sum(total_tokens)::bigint            AS total_tokens,
       sum(cost)                            AS cost,
       currency,
       unpriced,
       count(*) FILTER (WHERE status = 'succeeded' AND NOT has_usage) AS succeeded_without_usage
FROM ark.task_costs
GROUP BY month, account, model, service_tier, currency, unpriced;

COMMENT ON COLUMN ark.daily_token_usage.succeeded_without_usage IS
    'Succeeded tasks of the row that reported no usage (e.g. synced only through a relay that trims items): their tokens are missing from the sums, not zero';
COMMENT ON COLUMN ark.monthly_token_usage.succeeded_without_usage IS
    'Succeeded tasks of the row that reported no usage: their tokens are missing from the sums, not zero';
COMMENT ON COLUMN ark.monthly_token_usage_by_account.succeeded_without_usage IS
    'Succeeded tasks of the row that reported no usage: their tokens are missing from the sums, not zero';
COMMENT ON COLUMN ark.daily_cost.succeeded_without_usage IS
    'Succeeded tasks of the row that reported no usage: their tokens and cost are missing from the sums, not zero';
COMMENT ON COLUMN ark.monthly_cost.succeeded_without_usage IS
    'Succeeded tasks of the row that reported no usage: their tokens and cost are missing from the sums, not zero';

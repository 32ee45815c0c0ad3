-- Several Ark accounts in one database (src/docs/accounts.md): every run belongs to one account.
-- Never edit this file once shipped; change the schema with a new migration.

ALTER TABLE ark.sync_runs ADD COLUMN account text NOT NULL DEFAULT 'default';
COMMENT ON COLUMN ark.sync_runs.account IS
    'The account (ARK_ACCOUNT or ark.accounts[i].name) the run synced; its planning, gone-marking and lock are its own';

-- Runs recorded before this column existed: 'default', unless every stored task carries one same other account,
-- which is then the only account that database ever synced (ARK_ACCOUNT was set to it).
UPDATE ark.sync_runs SET account = sole.account
FROM (SELECT min(account) AS account FROM ark.tasks HAVING count(DISTINCT account) = 1) sole
WHERE sole.account <> 'default';

-- Planning reads the account's last runs, newest first.
CREATE INDEX sync_runs_account_idx ON ark.sync_runs (account, run_id);
-- Planning (newest task per tier, unfinished tasks) and gone-marking read one account's tasks.
CREATE INDEX tasks_account_created_at_idx ON ark.tasks (account, created_at);

-- The reporting views gain the account dimension, as their last column (existing queries keep working; summing
-- over the rows of one day or month gives the same totals as before).
CREATE OR REPLACE VIEW ark.daily_token_usage AS
SELECT (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.model,
       t.service_tier,
       t.status,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens,
       t.account
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2, 3, 4, t.account;

COMMENT ON VIEW ark.daily_token_usage IS
    'Tasks and reported token usage per UTC day of created_at, model, service tier, status and account. '
    'tasks counts every task; tasks_with_usage those that reported usage; completion_tokens and total_tokens sum '
    'the reported usage (a task without usage adds nothing: not reported, not zero) and are NULL when no task of '
    'the row reported any. Filter on day for speed: WHERE day >= DATE ''2026-11-01''.';

CREATE OR REPLACE VIEW ark.monthly_token_usage AS
SELECT date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       t.model,
       count(*)                             AS tasks,
       count(u.task_id)                     AS tasks_with_usage,
       sum(u.completion_tokens)::bigint     AS completion_tokens,
       sum(u.total_tokens)::bigint          AS total_tokens,
       t.account
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
GROUP BY 1, 2, t.account;

COMMENT ON VIEW ark.monthly_token_usage IS
    'Tasks and reported token usage per UTC calendar month of created_at (month = its first day), model and '
    'account. Token sums as in ark.daily_token_usage: reported usage only, NULL when no task of the row reported any.';

CREATE OR REPLACE VIEW ark.daily_task_outcomes AS
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
                                                                                     AS cancelled_rate,
       t.account
FROM ark.tasks t
GROUP BY 1, 2, t.account;

COMMENT ON VIEW ark.daily_task_outcomes IS
    'Task outcomes per UTC day of created_at, model and account. finished = succeeded + failed + expired + '
    'cancelled; failed_rate, expired_rate and cancelled_rate are shares of finished tasks (0..1), NULL while none '
    'finished, so that tasks still queued or running do not dilute them. Rates cannot be averaged across accounts: '
    'sum the counts instead. A status not named here counts only in tasks.';

-- task_latency is one row per task: the account is a column to filter on. daily_task_latency keeps its grouping:
-- percentiles cannot be added up, and a per-account percentile is computed from ark.task_latency.
CREATE OR REPLACE VIEW ark.task_latency AS
SELECT t.id,
       (t.created_at AT TIME ZONE 'UTC')::date AS day,
       t.model,
       t.service_tier,
       t.status,
       t.created_at,
       t.updated_at,
       extract(epoch FROM t.updated_at - t.created_at)::double precision AS latency_seconds,
       t.account
FROM ark.tasks t
WHERE t.status IN ('succeeded', 'failed', 'expired', 'cancelled')
  AND t.updated_at >= t.created_at;

-- Budgets (issue 22): an amount of money or tokens per day or month, for everything, an account, a model or an end
-- user, and how much of it the current period has used. Never edit this file once shipped; change the schema with a
-- new migration.

CREATE TABLE ark.budgets (
    name        text    PRIMARY KEY,                      -- the label of its metric and alerts
    scope       text    NOT NULL CHECK (scope IN ('all', 'account', 'model', 'user')),
    scope_value text,                                     -- the account, model or safety_identifier; NULL for all
    period      text    NOT NULL CHECK (period IN ('day', 'month')),  -- UTC calendar day or month
    amount      numeric NOT NULL CHECK (amount > 0),
    currency    text    CHECK (currency ~ '^[A-Z]{3}$'),  -- ISO 4217; NULL: the amount is total tokens
    CHECK ((scope = 'all') = (scope_value IS NULL))
);

COMMENT ON TABLE ark.budgets IS
    'Budgets maintained by the user (budgets import FILE.csv, or SQL): amount per UTC day or month of task creation, '
    'in currency (cost as ark.task_costs prices it) or, with a NULL currency, in total tokens, for all tasks, one '
    'account, one model or one end user (safety_identifier). See ark.budget_status.';

-- The current period of every budget: what it has spent so far, what is left, and where it is heading.
-- spent counts the tasks created in the period that the budget's scope covers: their cost in the budget's currency
-- (a task priced in another currency or not priced adds nothing: unpriced_tasks says how many reported usage without
-- a price) or their total tokens. projected assumes the rest of the period spends at the rate so far.
CREATE VIEW ark.budget_status AS
SELECT b.name,
       b.scope,
       b.scope_value,
       b.period,
       b.amount,
       b.currency,
       coalesce(b.currency, 'tokens')                                   AS unit,
       p.period_start,
       p.period_end,
       s.spent,
       b.amount - s.spent                                               AS remaining,
       (s.spent / b.amount)::double precision                           AS share_used,
       (s.spent * extract(epoch FROM p.period_end - p.period_start)
           / greatest(extract(epoch FROM least(now(), p.period_end) - p.period_start), 1))::double precision
                                                                        AS projected,
       s.unpriced_tasks
FROM ark.budgets b
CROSS JOIN LATERAL (
    SELECT date_trunc(b.period, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'                   AS period_start,
           (date_trunc(b.period, now() AT TIME ZONE 'UTC') + ('1 ' || b.period)::interval) AT TIME ZONE 'UTC'
                                                                                               AS period_end,
           date_trunc(b.period, now() AT TIME ZONE 'UTC')::date                                AS first_day,
           (date_trunc(b.period, now() AT TIME ZONE 'UTC') + ('1 ' || b.period)::interval)::date - 1 AS last_day
) p
CROSS JOIN LATERAL (
    SELECT coalesce(CASE WHEN b.currency IS NULL THEN sum(c.total_tokens)
                         ELSE sum(c.cost) FILTER (WHERE c.currency = b.currency) END, 0) AS spent,
           count(*) FILTER (WHERE c.unpriced AND c.has_usage AND b.currency IS NOT NULL)  AS unpriced_tasks
    FROM ark.task_costs c
    WHERE c.day BETWEEN p.first_day AND p.last_day
      AND CASE b.scope WHEN 'all' THEN true
                       WHEN 'account' THEN c.account = b.scope_value
                       WHEN 'model' THEN c.model = b.scope_value
                       WHEN 'user' THEN c.safety_identifier = b.scope_value END
) s;

COMMENT ON VIEW ark.budget_status IS
    'Every budget in its current UTC period (period_start inclusive, period_end exclusive): spent (cost in the '
    'budget''s currency, or total tokens), remaining = amount - spent (negative once exceeded), share_used = spent / '
    'amount (1 = all used), projected = spent at the period''s end if the rate so far goes on. Costs are estimates '
    'from ark.model_prices; unpriced_tasks counts tasks with usage and no price, missing from spent.';

-- Money: the prices the user pays per model and service tier, effective-dated, and views that price every task by
-- the price valid when the task was created. Never edit this file once shipped; change the schema with a new
-- migration.
--
-- ark.model_prices is maintained by the user (java -jar ark-task-sync.jar prices import FILE, or plain SQL); the
-- sync never writes it. A task is priced by the row of its model and service tier whose [valid_from, valid_to)
-- holds its created_at. A task with no such row (model or tier not priced, or a created_at outside every period)
-- is "unpriced": its cost is NULL and its rows say unpriced = true. It never counts as zero.

CREATE TABLE ark.model_prices (
    model                    text        NOT NULL,
    service_tier             text        NOT NULL,  -- as in ark.tasks: default (online) or flex (offline)
    currency                 text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),  -- ISO 4217, e.g. USD, CNY
    price_per_million_tokens numeric     NOT NULL CHECK (price_per_million_tokens >= 0),
    valid_from               timestamptz NOT NULL,
    valid_to                 timestamptz,           -- exclusive; NULL = still valid
    PRIMARY KEY (model, service_tier, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

COMMENT ON TABLE ark.model_prices IS
    'Prices per million total tokens of a model in a service tier, valid from valid_from (inclusive) to valid_to '
    '(exclusive; NULL = open). Periods of one model and tier never overlap, so a task matches at most one price. '
    'Maintained by the user; the sync never writes it.';

-- Two periods of one model and tier that overlap would price a task twice. An exclusion constraint would need the
-- btree_gist extension, which a managed database may not offer; this trigger needs nothing. It is deferred to the
-- end of the transaction, so that closing the old period and opening the new one may happen in either order.
-- A deferred trigger sees NEW as it was when the event happened, so the row is read again as it is now: an import
-- inserts a period open-ended and closes it a statement later, when the next period arrives.
CREATE FUNCTION ark.refuse_overlapping_prices() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current_to timestamptz;
BEGIN
    SELECT p.valid_to INTO current_to
    FROM ark.model_prices p
    WHERE p.model = NEW.model AND p.service_tier = NEW.service_tier AND p.valid_from = NEW.valid_from;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted or moved since; a move is checked by its own event
    END IF;
    IF EXISTS (SELECT 1
               FROM ark.model_prices p
               WHERE p.model = NEW.model
                 AND p.service_tier = NEW.service_tier
                 AND p.valid_from <> NEW.valid_from
                 AND tstzrange(p.valid_from, p.valid_to) && tstzrange(NEW.valid_from, current_to)) THEN
        RAISE EXCEPTION 'ark.model_prices: the price of % (%) from % overlaps another period of the same model and tier',
            NEW.model, NEW.service_tier, NEW.valid_from;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER model_prices_no_overlap
    AFTER INSERT OR UPDATE ON ark.model_prices
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ark.refuse_overlapping_prices();

-- One row per task with its price and cost: the base of the cost views and of report --cost. The day and month
-- expressions are those of db/V3__reporting_views.sql, so that a filter on them uses the same indexes.
CREATE VIEW ark.task_costs AS
SELECT t.id,
       (t.created_at AT TIME ZONE 'UTC')::date                   AS day,
       date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
       t.account,
       t.model,
       t.service_tier,
       t.status,
       t.created_at,
       u.task_id IS NOT NULL                                       AS has_usage,
       u.completion_tokens,
       u.total_tokens,
       p.currency,
       p.price_per_million_tokens,
       trim_scale(u.total_tokens * p.price_per_million_tokens * 0.000001) AS cost,  -- exact: no division
       p.currency IS NULL                                          AS unpriced
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
LEFT JOIN ark.model_prices p ON p.model = t.model
                            AND p.service_tier = t.service_tier
                            AND p.valid_from <= t.created_at
                            AND (p.valid_to IS NULL OR t.created_at < p.valid_to);

COMMENT ON VIEW ark.task_costs IS
    'One row per task with the price valid at its created_at (ark.model_prices) and its cost = total_tokens x '
    'price_per_million_tokens / 1,000,000, exact (numeric). unpriced = true when no price applies: then currency, '
    'price and cost are NULL, never zero. A priced task without reported usage has a NULL cost too (not reported).';

CREATE VIEW ark.daily_cost AS
SELECT day,
       account,
       model,
       service_tier,
       count(*)                             AS tasks,
       count(*) FILTER (WHERE has_usage)    AS tasks_with_usage,
       sum(total_tokens)::bigint            AS total_tokens,
       sum(cost)                            AS cost,
       currency,
       unpriced
FROM ark.task_costs
GROUP BY day, account, model, service_tier, currency, unpriced;

COMMENT ON VIEW ark.daily_cost IS
    'Tasks, reported tokens and their cost per UTC day of created_at, account, model, service tier and currency. '
    'Tasks with no price are a row of their own with unpriced = true and a NULL cost and currency: unpriced, not '
    'free. Costs of different currencies are never added up: sum cost per currency. Token sums as in '
    'ark.daily_token_usage (reported usage only).';

CREATE VIEW ark.monthly_cost AS
SELECT month,
       account,
       model,
       service_tier,
       count(*)                             AS tasks,
       count(*) FILTER (WHERE has_usage)    AS tasks_with_usage,
       sum(total_tokens)::bigint            AS total_tokens,
       sum(cost)                            AS cost,
       currency,
       unpriced
FROM ark.task_costs
GROUP BY month, account, model, service_tier, currency, unpriced;

COMMENT ON VIEW ark.monthly_cost IS
    'As ark.daily_cost per UTC calendar month of created_at (month = its first day). A price that changes in the '
    'middle of a month prices each task by the price of its own created_at.';

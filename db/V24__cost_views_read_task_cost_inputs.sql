-- ark.daily_user_cost, ark.budget_status and ark.focus_costs read the narrow ark.task_cost_inputs (V20) instead of
-- ark.task_costs, which reads every task's wide row and looks its price up task by task. Same columns (names, types,
-- order) and the same figures: they are a public interface. Never edit this file once shipped; change the schema
-- with a new migration.

-- ark.task_costs' rows and columns, computed as report --cost computes them (ReportDao.COSTS): prices looked up once
-- per price key (ark.task_price_keys) and price period, the stretch between two consecutive valid_from/valid_to of
-- any price, in which no price row starts or ends; width_bucket finds a task's period. A price row covers a whole
-- period or none of it, so the price at the period's start is the price at the task's created_at.
CREATE VIEW ark.task_costs_from_inputs AS
WITH price_periods AS MATERIALIZED (
    SELECT array_agg(DISTINCT bound ORDER BY bound) AS bounds
    FROM (SELECT '-infinity'::timestamptz
          UNION ALL SELECT valid_from FROM ark.model_prices
          UNION ALL SELECT valid_to FROM ark.model_prices WHERE valid_to IS NOT NULL) AS b(bound)
),
key_prices AS (
    SELECT k.price_key, s.period::integer AS period, p.currency, p.unit, p.price_per_million_tokens AS unit_price,
           p.price_id
    FROM ark.task_price_keys k
    CROSS JOIN price_periods
    CROSS JOIN LATERAL unnest(price_periods.bounds) WITH ORDINALITY AS s(period_start, period)
    -- the lateral of ark.task_costs, asked at the start of the period
    JOIN LATERAL (
        SELECT p.*
        FROM ark.model_prices p
        WHERE p.model = k.model
          AND p.service_tier = k.service_tier
          AND p.valid_from <= s.period_start
          AND (p.valid_to IS NULL OR s.period_start < p.valid_to)
          AND (p.generate_audio IS NULL OR p.generate_audio = k.generate_audio)
          AND (p.resolution IS NULL OR p.resolution = k.resolution)
          AND (p.draft IS NULL OR p.draft = k.draft)
          AND (p.with_video_input IS NULL
               OR p.with_video_input = ark.assumed_with_video_input(k.account, k.model))
        ORDER BY p.specificity DESC
        LIMIT 1
    ) p ON true
),
-- what ark.price_assumptions says of every task, priced or not, as ark.task_costs says it
key_assumptions AS (
    SELECT k.price_key, ark.assumed_with_video_input(k.account, k.model) AS assumed_with_video_input
    FROM ark.task_price_keys k
)
SELECT i.task_id                                                  AS id,
       i.day,
       date_trunc('month', i.day)::date                           AS month,
       i.account,
       i.model,
       i.service_tier,
       i.status,
       i.created_at,
       i.has_usage,
       i.completion_tokens,
       i.total_tokens,
       p.currency,
       CASE WHEN p.unit = 'million_tokens' THEN p.unit_price END  AS price_per_million_tokens,
       CASE WHEN p.unit = 'task'
            THEN CASE WHEN i.status = 'succeeded' THEN p.unit_price
                      WHEN i.status IN ('failed', 'expired', 'cancelled') THEN 0 END
            ELSE trim_scale(i.total_tokens * p.unit_price * 0.000001)
       END                                                        AS cost,
       p.currency IS NULL                                         AS unpriced,
       i.safety_identifier,
       p.unit,
       p.unit_price,
       p.price_id,
       a.assumed_with_video_input
FROM ark.task_cost_inputs i
JOIN key_assumptions a ON a.price_key = i.price_key
LEFT JOIN key_prices p ON p.price_key = i.price_key
                      AND p.period = width_bucket(i.created_at, (SELECT bounds FROM price_periods));

COMMENT ON VIEW ark.task_costs_from_inputs IS
    'The rows and columns of ark.task_costs (one per task, its price and cost), computed from ark.task_cost_inputs: '
    'prices looked up once per price key and price period instead of once per task, and no wide row read. What '
    'ark.daily_user_cost, ark.budget_status and ark.focus_costs read. Filter on day for speed.';

CREATE OR REPLACE VIEW ark.daily_user_cost AS
SELECT day,
       account,
       safety_identifier,
       model,
       service_tier,
       count(*)                             AS tasks,
       sum(total_tokens)::bigint            AS total_tokens,
       sum(cost)                            AS cost,
       currency
FROM ark.task_costs_from_inputs
GROUP BY day, account, safety_identifier, model, service_tier, currency;

CREATE OR REPLACE VIEW ark.budget_status AS
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
    FROM ark.task_costs_from_inputs c
    WHERE c.day BETWEEN p.first_day AND p.last_day
      AND CASE b.scope WHEN 'all' THEN true
                       WHEN 'account' THEN c.account = b.scope_value
                       WHEN 'model' THEN c.model = b.scope_value
                       WHEN 'user' THEN c.safety_identifier = b.scope_value END
) s;

CREATE OR REPLACE VIEW ark.focus_costs AS
SELECT c.cost                                                              AS "BilledCost",
       c.cost                                                              AS "EffectiveCost",
       c.cost                                                              AS "ListCost",
       c.cost                                                              AS "ContractedCost",
       c.unit_price                                                        AS "ListUnitPrice",
       c.unit_price                                                        AS "ContractedUnitPrice",
       c.currency                                                          AS "BillingCurrency",
       c.account                                                           AS "BillingAccountId",
       c.account                                                           AS "BillingAccountName",
       (c.month::timestamp AT TIME ZONE 'UTC')                             AS "BillingPeriodStart",
       ((c.month + interval '1 month')::timestamp AT TIME ZONE 'UTC')      AS "BillingPeriodEnd",
       (c.day::timestamp AT TIME ZONE 'UTC')                               AS "ChargePeriodStart",
       ((c.day + 1)::timestamp AT TIME ZONE 'UTC')                         AS "ChargePeriodEnd",
       'Usage'::text                                                       AS "ChargeCategory",
       NULL::text                                                          AS "ChargeClass",
       'Usage-Based'::text                                                 AS "ChargeFrequency",
       c.model || ' generation task, ' || c.service_tier || ' tier'
           || CASE c.unit WHEN 'task' THEN ', priced per task' ELSE ', priced per million tokens' END
                                                                           AS "ChargeDescription",
       'Standard'::text                                                    AS "PricingCategory",
       CASE c.unit WHEN 'task' THEN 1 ELSE c.total_tokens END::numeric     AS "ConsumedQuantity",
       CASE c.unit WHEN 'task' THEN 'Tasks' ELSE 'Tokens' END              AS "ConsumedUnit",
       -- PricingQuantity x ListUnitPrice = ListCost, as the specification requires
       CASE c.unit WHEN 'task' THEN CASE WHEN c.status = 'succeeded' THEN 1 ELSE 0 END
                   ELSE trim_scale(c.total_tokens * 0.000001) END::numeric AS "PricingQuantity",
       CASE c.unit WHEN 'task' THEN 'Tasks' ELSE '1000000 Tokens' END      AS "PricingUnit",
       -- Volcano Engine bills Ark in CNY, BytePlus ModelArk in USD: the currency says which one issued the bill
       CASE WHEN c.currency = 'CNY' THEN 'Volcano Engine' ELSE 'BytePlus' END AS "ProviderName",
       CASE WHEN c.currency = 'CNY' THEN 'Volcano Engine' ELSE 'BytePlus' END AS "InvoiceIssuerName",
       'ByteDance'::text                                                   AS "PublisherName",
       'Ark'::text                                                         AS "ServiceName",
       'AI and Machine Learning'::text                                     AS "ServiceCategory",
       c.id                                                                AS "ResourceId",
       'Generation Task'::text                                             AS "ResourceType",
       c.model || ':' || c.service_tier                                    AS "SkuId",
       c.price_id::text                                                    AS "SkuPriceId",
       -- priority is not in the narrow row: the task's own row gives the tags, as before
       jsonb_strip_nulls(jsonb_build_object(
           'ark/safety_identifier', t.safety_identifier, 'ark/priority', t.priority, 'ark/draft', t.draft,
           'ark/generate_audio', t.generate_audio, 'ark/service_tier', c.service_tier,
           'ark/assumed_with_video_input', c.assumed_with_video_input))    AS "Tags",
       'estimate: tokens x ark.model_prices'::text                         AS "x_CostSource",
       c.day                                                               AS "x_Day"
FROM ark.task_costs_from_inputs c
JOIN ark.tasks t ON t.id = c.id
WHERE c.cost IS NOT NULL;

-- CREATE OR REPLACE VIEW keeps the comments; they still say what the views are.

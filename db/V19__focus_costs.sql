-- The cost of every priced task in the columns of the FinOps Open Cost and Usage Specification (FOCUS) 1.2, for
-- finance tools (issue 22; report --format focus-csv writes it for a period). Never edit this file once shipped;
-- change the schema with a new migration.
--
-- Column names and meanings follow specification/columns/*.md of FOCUS_Spec at tag v1.2. One row is one task's usage
-- charge. The costs are ESTIMATES: the task's tokens (or the task) times the price the user imported into
-- ark.model_prices, not the provider's invoice, so BilledCost, EffectiveCost, ListCost and ContractedCost are one and
-- the same figure and x_CostSource says so on every row. Tasks without a price or without reported usage have no
-- row: FOCUS costs must not be null, and an unpriced task is not free (report --cost counts them).
-- Left out, and why: src/docs/reporting.md ("FOCUS export").
CREATE VIEW ark.focus_costs AS
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
       jsonb_strip_nulls(jsonb_build_object(
           'ark/safety_identifier', t.safety_identifier, 'ark/priority', t.priority, 'ark/draft', t.draft,
           'ark/generate_audio', t.generate_audio, 'ark/service_tier', c.service_tier,
           'ark/assumed_with_video_input', c.assumed_with_video_input))    AS "Tags",
       'estimate: tokens x ark.model_prices'::text                         AS "x_CostSource",
       c.day                                                               AS "x_Day"
FROM ark.task_costs c
JOIN ark.tasks t ON t.id = c.id
WHERE c.cost IS NOT NULL;

COMMENT ON VIEW ark.focus_costs IS
    'One row per priced task with reported usage (or priced per task and finished), in the columns of FOCUS 1.2 '
    '(FinOps Open Cost and Usage Specification). Costs are estimates from ark.model_prices, not the invoice: '
    'BilledCost = EffectiveCost = ListCost = ContractedCost. Charge period: the UTC day of created_at; billing period: '
    'its UTC month. Filter on x_Day for speed. Columns left out: src/docs/reporting.md.';

-- Money as it is billed (issue 22): prices that depend on more than model and tier, and who spent it.
-- Never edit this file once shipped; change the schema with a new migration.
--
-- 1. ark.tasks gains the fields callers use to charge cost back (safety_identifier, priority, draft, generate_audio,
--    the types of the tools), filled by the sync's mapper and, for the rows stored before, from raw here. The rules
--    are those of io.arktasksync.mapping.Attribution: a value of another shape than expected stays in raw only (the
--    column is NULL), it never rejects the task.
-- 2. ark.model_prices gains optional dimensions, NULL meaning "any": generate_audio, resolution, draft, and
--    with_video_input (an input kind the task does not carry: taken from ark.price_assumptions), and a unit
--    (million_tokens, the default, or task). A task is priced by the most specific row (the most non-NULL
--    dimensions) whose dimensions all match it and whose period holds its created_at. Two rows that could price one
--    task equally specifically are refused, as overlapping periods were: V8's rows (no dimension) keep their meaning.
-- 3. ark.task_costs prices by those rules; ark.daily_user_cost adds up cost per end user.

-- 1. Attribution ------------------------------------------------------------------------------------------------------
ALTER TABLE ark.tasks
    ADD COLUMN safety_identifier text,     -- the end user the caller declared; NULL: none declared
    ADD COLUMN priority          text,     -- as the API sent it (a number today), text so that a new form fits
    ADD COLUMN draft             boolean,
    ADD COLUMN generate_audio    boolean,
    ADD COLUMN tool_types        text[];   -- the "type" of each element of "tools", in order; NULL: no tools field

-- The same rules as io.arktasksync.mapping.Attribution, for the rows stored before this migration.
CREATE FUNCTION ark.attribution_text(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(value) IN ('string', 'number', 'boolean') AND value #>> '{}' <> ''
                THEN value #>> '{}' END
$$;

CREATE FUNCTION ark.attribution_flag(value jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(value) IN ('string', 'boolean') AND value #>> '{}' IN ('true', 'false')
                THEN (value #>> '{}')::boolean END
$$;

CREATE FUNCTION ark.attribution_tool_types(value jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(value) = 'array'
                THEN ARRAY(SELECT e.tool ->> 'type'
                           FROM jsonb_array_elements(value) WITH ORDINALITY AS e(tool, n)
                           WHERE jsonb_typeof(e.tool) = 'object' AND jsonb_typeof(e.tool -> 'type') = 'string'
                           ORDER BY e.n) END
$$;

UPDATE ark.tasks
SET safety_identifier = ark.attribution_text(raw -> 'safety_identifier'),
    priority          = ark.attribution_text(raw -> 'priority'),
    draft             = ark.attribution_flag(raw -> 'draft'),
    generate_audio    = ark.attribution_flag(raw -> 'generate_audio'),
    tool_types        = ark.attribution_tool_types(raw -> 'tools')
WHERE raw ?| ARRAY['safety_identifier', 'priority', 'draft', 'generate_audio', 'tools'];

COMMENT ON COLUMN ark.tasks.safety_identifier IS
    'The end user the caller declared (safety_identifier of the request); NULL when none. For charge-back: '
    'ark.daily_user_cost, report --by user.';

-- 2. Price dimensions -------------------------------------------------------------------------------------------------
-- Which tasks are assumed to carry a reference video input: the API does not say, Seedance 2.0 prices it apart.
-- The most specific row applies: account and model, then model alone (account NULL), then account alone (model NULL).
CREATE TABLE ark.price_assumptions (
    account          text,       -- NULL: every account
    model            text,       -- NULL: every model
    with_video_input boolean NOT NULL,
    note             text
);
CREATE UNIQUE INDEX price_assumptions_scope_idx ON ark.price_assumptions (coalesce(account, ''), coalesce(model, ''));

-- What ark.price_assumptions says of a task of this account and model; NULL: nothing.
CREATE FUNCTION ark.assumed_with_video_input(task_account text, task_model text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT a.with_video_input
    FROM ark.price_assumptions a
    WHERE (a.account IS NULL OR a.account = task_account) AND (a.model IS NULL OR a.model = task_model)
    ORDER BY a.model IS NULL, a.account IS NULL
    LIMIT 1
$$;

COMMENT ON TABLE ark.price_assumptions IS
    'What the price of a task depends on but the task does not say: with_video_input (the request carried a '
    'reference video) per account and/or model. Used by ark.task_costs to match price rows with with_video_input set; '
    'reports name it as an assumption. Maintained by the user.';

ALTER TABLE ark.model_prices
    ADD COLUMN generate_audio   boolean,
    ADD COLUMN resolution       text,
    ADD COLUMN draft            boolean,
    ADD COLUMN with_video_input boolean,
    ADD COLUMN unit             text NOT NULL DEFAULT 'million_tokens' CHECK (unit IN ('million_tokens', 'task')),
    ADD COLUMN price_id         bigint GENERATED BY DEFAULT AS IDENTITY,
    -- how many dimensions the row sets: the most specific matching row prices a task
    ADD COLUMN specificity      integer GENERATED ALWAYS AS ((generate_audio IS NOT NULL)::int
                                                             + (resolution IS NOT NULL)::int
                                                             + (draft IS NOT NULL)::int
                                                             + (with_video_input IS NOT NULL)::int) STORED;

-- Rows that differ only by a dimension share model, tier and valid_from: the key becomes the row's own id.
ALTER TABLE ark.model_prices DROP CONSTRAINT model_prices_pkey;
ALTER TABLE ark.model_prices ADD PRIMARY KEY (price_id);
-- The lookup of ark.task_costs: the most specific rows of the task's model and tier first, no sort.
CREATE INDEX model_prices_lookup_idx ON ark.model_prices (model, service_tier, specificity DESC, valid_from);

COMMENT ON TABLE ark.model_prices IS
    'Prices of a model in a service tier, valid from valid_from (inclusive) to valid_to (exclusive; NULL = open). '
    'price_per_million_tokens is the price of one unit: a million total tokens (unit = million_tokens, the default) '
    'or one succeeded task (unit = task). generate_audio, resolution, draft and with_video_input narrow the row to '
    'tasks with that value (NULL: any). A task is priced by the matching row with the most non-NULL dimensions; rows '
    'that could price one task equally specifically in overlapping periods are refused. Maintained by the user; the '
    'sync never writes it.';


-- V12's check, generalised: two rows of one model and tier whose periods overlap are refused when one task could
-- match both with the same specificity (the same number of dimensions set, and no dimension set to different
-- values), since neither would then be "the" price. Rows without dimensions are the case V8 refused.
CREATE OR REPLACE FUNCTION ark.refuse_overlapping_prices() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current ark.model_prices;
    other   ark.model_prices;
BEGIN
    -- One lock for the table, not one per model: writers that lock models in different orders cannot deadlock.
    PERFORM pg_advisory_xact_lock(hashtext('ark.model_prices'), 0);
    SELECT * INTO current FROM ark.model_prices p WHERE p.price_id = NEW.price_id;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted since
    END IF;
    SELECT * INTO other
    FROM ark.model_prices p
    WHERE p.model = current.model
      AND p.service_tier = current.service_tier
      AND p.price_id <> current.price_id
      AND tstzrange(p.valid_from, p.valid_to) && tstzrange(current.valid_from, current.valid_to)
      AND p.specificity = current.specificity
      AND (p.generate_audio IS NULL OR current.generate_audio IS NULL OR p.generate_audio = current.generate_audio)
      AND (p.resolution IS NULL OR current.resolution IS NULL OR p.resolution = current.resolution)
      AND (p.draft IS NULL OR current.draft IS NULL OR p.draft = current.draft)
      AND (p.with_video_input IS NULL OR current.with_video_input IS NULL
           OR p.with_video_input = current.with_video_input)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ark.model_prices: the price of % (%)% from % overlaps another period of the same model and tier (% from %) that would price the same tasks equally specifically',
            current.model, current.service_tier, ark.price_dimensions(current), current.valid_from,
            coalesce(nullif(ltrim(ark.price_dimensions(other)), ''), 'no dimension'), other.valid_from;
    END IF;
    RETURN NULL;
END;
$$;

-- " [generate_audio=false, resolution=1080p]" or "": how the refusal names a row.
CREATE FUNCTION ark.price_dimensions(p ark.model_prices) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(' [' || nullif(concat_ws(', ',
               'generate_audio=' || p.generate_audio, 'resolution=' || p.resolution, 'draft=' || p.draft,
               'with_video_input=' || p.with_video_input), '') || ']', '')
$$;

-- 3. Pricing ----------------------------------------------------------------------------------------------------------
-- Columns are added at the end (CREATE OR REPLACE keeps the dependent views); the old ones keep their meaning, except
-- that price_per_million_tokens is NULL for a task priced per task (unit_price says what it cost a task).
CREATE OR REPLACE VIEW ark.task_costs AS
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
       CASE WHEN p.unit = 'million_tokens' THEN p.price_per_million_tokens END AS price_per_million_tokens,
       CASE WHEN p.unit = 'task'
            -- only succeeded tasks are billed; an unfinished one has no cost yet
            THEN CASE WHEN t.status = 'succeeded' THEN p.price_per_million_tokens
                      WHEN t.status IN ('failed', 'expired', 'cancelled') THEN 0 END
            ELSE trim_scale(u.total_tokens * p.price_per_million_tokens * 0.000001)  -- exact: no division
       END                                                         AS cost,
       p.currency IS NULL                                          AS unpriced,
       t.safety_identifier,
       p.unit,
       p.price_per_million_tokens                                  AS unit_price,
       p.price_id,
       ark.assumed_with_video_input(t.account, t.model)           AS assumed_with_video_input
FROM ark.tasks t
LEFT JOIN ark.task_usage u ON u.task_id = t.id
LEFT JOIN LATERAL (
    SELECT p.*
    FROM ark.model_prices p
    WHERE p.model = t.model
      AND p.service_tier = t.service_tier
      AND p.valid_from <= t.created_at
      AND (p.valid_to IS NULL OR t.created_at < p.valid_to)
      AND (p.generate_audio IS NULL OR p.generate_audio = t.generate_audio)
      AND (p.resolution IS NULL OR p.resolution = t.resolution)
      AND (p.draft IS NULL OR p.draft = t.draft)
      -- asked only of the rows that depend on it
      AND (p.with_video_input IS NULL OR p.with_video_input = ark.assumed_with_video_input(t.account, t.model))
    ORDER BY p.specificity DESC
    LIMIT 1
) p ON true;

COMMENT ON VIEW ark.task_costs IS
    'One row per task with the price that applies to it (ark.model_prices: its model and tier, the most specific row '
    'whose dimensions match, valid at its created_at) and its cost, exact (numeric): total_tokens x unit_price / '
    '1,000,000 for unit = million_tokens; unit_price for a succeeded task and 0 for a failed, expired or cancelled one '
    'for unit = task. unpriced = true when no price applies: then currency, price and cost are NULL, never zero. A '
    'token-priced task without reported usage has a NULL cost too (not reported). assumed_with_video_input is what '
    'ark.price_assumptions says of the task (NULL: nothing), which rows with with_video_input set were matched '
    'against: an assumption, not a fact of the task.';

CREATE VIEW ark.daily_user_cost AS
SELECT day,
       account,
       safety_identifier,
       model,
       service_tier,
       count(*)                             AS tasks,
       sum(total_tokens)::bigint            AS total_tokens,
       sum(cost)                            AS cost,
       currency
FROM ark.task_costs
GROUP BY day, account, safety_identifier, model, service_tier, currency;

COMMENT ON VIEW ark.daily_user_cost IS
    'Tasks, reported tokens and cost per UTC day of created_at, account, end user (safety_identifier), model, service '
    'tier and currency: for charging cost back. Tasks without a safety_identifier are one row with a NULL '
    'safety_identifier, never left out; unpriced tasks a row with a NULL currency and cost. Its totals equal '
    'ark.daily_cost''s.';

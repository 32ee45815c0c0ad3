-- What the cost report needs of each task, in one narrow row (issue 22: a 30-day report --by user --cost over
-- 500,000 tasks within a second). Never edit this file once shipped; change the schema with a new migration.
--
-- ark.task_costs joins every task (a wide row: raw holds the whole item) to its usage and looks its price up task by
-- task. ark.task_cost_inputs holds the same facts already joined, one row of a few dozen bytes per task, and names the
-- task's price-relevant attributes (account, model, tier, generate_audio, resolution, draft) by a small integer,
-- ark.task_price_keys.price_key: the report then looks prices up once per price key and price period, not per task.
-- Prices are NOT stored here: they apply when the report runs, so a price change needs nothing.
--
-- Exact by construction: triggers on ark.tasks and ark.task_usage recompute the rows of the tasks a statement touched
-- from the two tables as they are then (in the writer's transaction), whoever writes (the sync's one-statement upsert of
-- tasks and usage, gone-marking, a hand-written UPDATE, DELETE or TRUNCATE). Recomputing instead of adding differences
-- means two triggers firing for one statement that wrote both tables agree rather than count twice.
-- Task ids touched by an UPDATE that changes none of the columns below (last_seen_at, gone_at, raw...) fire nothing.

CREATE TABLE ark.task_price_keys (
    price_key      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account        text    NOT NULL,
    model          text,
    service_tier   text,
    generate_audio boolean,
    resolution     text,
    draft          boolean
);
-- One key per combination, NULL equal to NULL (and never to ''): the refresh joins on these same expressions.
CREATE UNIQUE INDEX task_price_keys_values_idx ON ark.task_price_keys (
    account, coalesce(model, ''), (model IS NULL), coalesce(service_tier, ''), (service_tier IS NULL),
    coalesce(generate_audio::int, -1), coalesce(resolution, ''), (resolution IS NULL), coalesce(draft::int, -1));

COMMENT ON TABLE ark.task_price_keys IS
    'The combinations of what a task''s price depends on (besides created_at) that tasks have: account (for '
    'ark.price_assumptions), model, service tier, generate_audio, resolution, draft. Filled by the triggers of '
    'ark.task_cost_inputs; a key no task uses any more stays (harmless). Not a price: prices apply at query time.';

CREATE TABLE ark.task_cost_inputs (
    task_id           text    PRIMARY KEY,
    day               date,                -- UTC day of created_at, as ark.task_costs.day
    created_at        timestamptz,
    account           text    NOT NULL,
    model             text,
    service_tier      text,
    status            text,
    safety_identifier text,
    price_key         integer NOT NULL,    -- ark.task_price_keys
    has_usage         boolean NOT NULL,    -- the task has a row in ark.task_usage
    completion_tokens bigint,
    total_tokens      bigint
);
CREATE INDEX task_cost_inputs_day_idx ON ark.task_cost_inputs (day);

COMMENT ON TABLE ark.task_cost_inputs IS
    'One narrow row per task of ark.tasks with its usage (ark.task_usage) and its price key (ark.task_price_keys): '
    'what report --cost reads instead of ark.task_costs, with the same figures. Kept equal to ark.tasks and '
    'ark.task_usage by triggers in the writer''s transaction; never write it by hand (ark.rebuild_task_cost_inputs() '
    'recomputes it all). Holds no price.';

-- Recomputes the rows of these task ids from ark.tasks and ark.task_usage as they are now: idempotent.
CREATE FUNCTION ark.refresh_task_cost_inputs(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ark.task_price_keys (account, model, service_tier, generate_audio, resolution, draft)
    SELECT DISTINCT t.account, t.model, t.service_tier, t.generate_audio, t.resolution, t.draft
    FROM ark.tasks t
    WHERE t.id IN (SELECT unnest(ids))
    ON CONFLICT DO NOTHING;

    DELETE FROM ark.task_cost_inputs c
    WHERE c.task_id IN (SELECT unnest(ids))
      AND NOT EXISTS (SELECT 1 FROM ark.tasks t WHERE t.id = c.task_id);

    INSERT INTO ark.task_cost_inputs AS c (task_id, day, created_at, account, model, service_tier, status,
                                           safety_identifier, price_key, has_usage, completion_tokens, total_tokens)
    SELECT t.id, (t.created_at AT TIME ZONE 'UTC')::date, t.created_at, t.account, t.model, t.service_tier, t.status,
           t.safety_identifier, k.price_key, u.task_id IS NOT NULL, u.completion_tokens, u.total_tokens
    FROM ark.tasks t
    JOIN ark.task_price_keys k ON k.account = t.account
        AND coalesce(k.model, '') = coalesce(t.model, '') AND (k.model IS NULL) = (t.model IS NULL)
        AND coalesce(k.service_tier, '') = coalesce(t.service_tier, '')
        AND (k.service_tier IS NULL) = (t.service_tier IS NULL)
        AND coalesce(k.generate_audio::int, -1) = coalesce(t.generate_audio::int, -1)
        AND coalesce(k.resolution, '') = coalesce(t.resolution, '') AND (k.resolution IS NULL) = (t.resolution IS NULL)
        AND coalesce(k.draft::int, -1) = coalesce(t.draft::int, -1)
    LEFT JOIN ark.task_usage u ON u.task_id = t.id
    WHERE t.id IN (SELECT unnest(ids))
    ON CONFLICT (task_id) DO UPDATE SET
        day = excluded.day, created_at = excluded.created_at, account = excluded.account, model = excluded.model,
        service_tier = excluded.service_tier, status = excluded.status, safety_identifier = excluded.safety_identifier,
        price_key = excluded.price_key, has_usage = excluded.has_usage, completion_tokens = excluded.completion_tokens,
        total_tokens = excluded.total_tokens
    -- a second trigger of the same statement finds the row as it should be: no new row version
    WHERE (c.day, c.created_at, c.account, c.model, c.service_tier, c.status, c.safety_identifier, c.price_key,
           c.has_usage, c.completion_tokens, c.total_tokens)
          IS DISTINCT FROM (excluded.day, excluded.created_at, excluded.account, excluded.model, excluded.service_tier,
                            excluded.status, excluded.safety_identifier, excluded.price_key, excluded.has_usage,
                            excluded.completion_tokens, excluded.total_tokens);
END;
$$;

-- Everything again: the backfill below, and after a TRUNCATE of ark.tasks or ark.task_usage.
CREATE FUNCTION ark.rebuild_task_cost_inputs() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ark.task_cost_inputs;
    PERFORM ark.refresh_task_cost_inputs(ARRAY(SELECT id FROM ark.tasks));
END;
$$;

-- Statement triggers read the ids from the statement's transition table (one call per statement, not per row).
CREATE FUNCTION ark.task_cost_inputs_for_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ark.refresh_task_cost_inputs(ARRAY(SELECT id FROM changed_tasks));
    RETURN NULL;
END;
$$;

CREATE FUNCTION ark.task_cost_inputs_for_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ark.refresh_task_cost_inputs(ARRAY(SELECT task_id FROM changed_usage));
    RETURN NULL;
END;
$$;

-- A changed task_id (never done, but possible) moves usage from one task to another: both are recomputed.
CREATE FUNCTION ark.task_cost_inputs_for_usage_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ark.refresh_task_cost_inputs(ARRAY(SELECT task_id FROM usage_before UNION SELECT task_id FROM usage_after));
    RETURN NULL;
END;
$$;

-- The row trigger's short way (a changed status, say: the most frequent update), two index lookups and no join:
-- the task's usage did not change, so its row keeps it.
CREATE FUNCTION ark.task_cost_inputs_for_task_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key integer;
BEGIN
    IF OLD.id = NEW.id THEN
        SELECT k.price_key INTO key
        FROM ark.task_price_keys k
        WHERE k.account = NEW.account
          AND coalesce(k.model, '') = coalesce(NEW.model, '') AND (k.model IS NULL) = (NEW.model IS NULL)
          AND coalesce(k.service_tier, '') = coalesce(NEW.service_tier, '')
          AND (k.service_tier IS NULL) = (NEW.service_tier IS NULL)
          AND coalesce(k.generate_audio::int, -1) = coalesce(NEW.generate_audio::int, -1)
          AND coalesce(k.resolution, '') = coalesce(NEW.resolution, '')
          AND (k.resolution IS NULL) = (NEW.resolution IS NULL)
          AND coalesce(k.draft::int, -1) = coalesce(NEW.draft::int, -1);
        IF FOUND THEN
            UPDATE ark.task_cost_inputs
            SET day = (NEW.created_at AT TIME ZONE 'UTC')::date, created_at = NEW.created_at, account = NEW.account,
                model = NEW.model, service_tier = NEW.service_tier, status = NEW.status,
                safety_identifier = NEW.safety_identifier, price_key = key
            WHERE task_id = NEW.id;
            IF FOUND THEN
                RETURN NULL;
            END IF;
        END IF;
    END IF;
    PERFORM ark.refresh_task_cost_inputs(ARRAY[OLD.id, NEW.id]);  -- a new key, a new id, or a row not there yet
    RETURN NULL;
END;
$$;

CREATE FUNCTION ark.task_cost_inputs_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ark.rebuild_task_cost_inputs();
    RETURN NULL;
END;
$$;

CREATE TRIGGER tasks_cost_inputs_insert AFTER INSERT ON ark.tasks
    REFERENCING NEW TABLE AS changed_tasks FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_for_tasks();
CREATE TRIGGER tasks_cost_inputs_delete AFTER DELETE ON ark.tasks
    REFERENCING OLD TABLE AS changed_tasks FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_for_tasks();
-- Per row, and only when a column the rows copy changed: the sync's frequent updates of last_seen_at, gone_at or raw
-- alone cost one comparison, no call (a statement trigger would have to capture those wide rows first).
CREATE TRIGGER tasks_cost_inputs_update AFTER UPDATE ON ark.tasks FOR EACH ROW
    WHEN ((OLD.id, OLD.created_at, OLD.account, OLD.model, OLD.service_tier, OLD.status, OLD.safety_identifier,
           OLD.generate_audio, OLD.resolution, OLD.draft)
          IS DISTINCT FROM (NEW.id, NEW.created_at, NEW.account, NEW.model, NEW.service_tier, NEW.status,
                            NEW.safety_identifier, NEW.generate_audio, NEW.resolution, NEW.draft))
    EXECUTE FUNCTION ark.task_cost_inputs_for_task_row();
CREATE TRIGGER tasks_cost_inputs_truncate AFTER TRUNCATE ON ark.tasks
    FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_after_truncate();

CREATE TRIGGER task_usage_cost_inputs_insert AFTER INSERT ON ark.task_usage
    REFERENCING NEW TABLE AS changed_usage FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_for_usage();
CREATE TRIGGER task_usage_cost_inputs_update AFTER UPDATE ON ark.task_usage
    REFERENCING OLD TABLE AS usage_before NEW TABLE AS usage_after
    FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_for_usage_update();
CREATE TRIGGER task_usage_cost_inputs_delete AFTER DELETE ON ark.task_usage
    REFERENCING OLD TABLE AS changed_usage FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_for_usage();
CREATE TRIGGER task_usage_cost_inputs_truncate AFTER TRUNCATE ON ark.task_usage
    FOR EACH STATEMENT EXECUTE FUNCTION ark.task_cost_inputs_after_truncate();

-- The tasks stored before this migration.
SELECT ark.rebuild_task_cost_inputs();
ANALYZE ark.task_cost_inputs;
ANALYZE ark.task_price_keys;

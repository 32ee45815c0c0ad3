-- ark.task_cost_inputs (V20) costs the sync less: the sync's merge statement (TaskUpsertDao) writes the narrow rows of
-- the tasks and usage it writes itself, from the values it has at hand, and the triggers become a safety net that
-- recomputes only rows that do not say what the statement wrote. Never edit this file once shipped; change the schema
-- with a new migration.
--
-- Why: V20's triggers recomputed every row a statement touched from ark.tasks and ark.task_usage, by id, twice for a
-- chunk that writes tasks and usage (once per table): about 85 ms of a 500-task chunk that takes 85 ms without them,
-- so a first sync took about twice as long (src/docs/performance.md). A check that a row is current is one primary-key
-- lookup in the narrow table (plus one in ark.task_price_keys) per written row, and writes nothing.
--
-- Still exact for every writer: each trigger compares what its statement wrote (the transition table, or NEW) with
-- the narrow row and recomputes, as before, every row that is missing or differs (a hand-written INSERT, UPDATE of a
-- copied column, usage written by hand, a task_id moved). Deletes and TRUNCATE recompute as before (rare).

-- The inserted tasks whose narrow row is missing or says another created_at, account, model, tier, status, end user
-- or price dimension. Usage is the usage trigger's to check: a task inserted with its usage in one statement fires
-- both, and usage that was there before the task (no foreign key) leaves the task without a narrow row, so recomputed.
CREATE FUNCTION ark.task_cost_inputs_for_inserted_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stale text[];
BEGIN
    stale := ARRAY(
        SELECT n.id
        FROM changed_tasks n
        -- OFFSET 0: one index lookup per row, whatever the young statistics of a first sync say
        LEFT JOIN LATERAL (
            SELECT c.day, c.created_at, c.account, c.model, c.service_tier, c.status, c.safety_identifier,
                   k.account AS key_account, k.model AS key_model, k.service_tier AS key_service_tier,
                   k.generate_audio, k.resolution, k.draft
            FROM ark.task_cost_inputs c
            JOIN ark.task_price_keys k ON k.price_key = c.price_key
            WHERE c.task_id = n.id
            OFFSET 0
        ) c ON true
        WHERE (c.day, c.created_at, c.account, c.model, c.service_tier, c.status, c.safety_identifier,
               c.key_account, c.key_model, c.key_service_tier, c.generate_audio, c.resolution, c.draft)
              IS DISTINCT FROM ((n.created_at AT TIME ZONE 'UTC')::date, n.created_at, n.account, n.model,
                                n.service_tier, n.status, n.safety_identifier,
                                n.account, n.model, n.service_tier, n.generate_audio, n.resolution, n.draft));
    IF cardinality(stale) > 0 THEN
        PERFORM ark.refresh_task_cost_inputs(stale);
    END IF;
    RETURN NULL;
END;
$$;

-- The usage rows written whose task's narrow row is missing or says other usage. A missing row is recomputed too: it
-- finds nothing when the task does not exist (usage may come first; the task's insert then adds the row).
-- (A transition table cannot be passed on: its rows come as three arrays aggregated in one scan.)
CREATE FUNCTION ark.stale_task_cost_inputs_of_usage(task_ids text[], completion bigint[], total bigint[])
RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT ARRAY(
        SELECT n.task_id
        FROM unnest(task_ids, completion, total) AS n(task_id, completion_tokens, total_tokens)
        LEFT JOIN LATERAL (
            SELECT c.has_usage, c.completion_tokens, c.total_tokens
            FROM ark.task_cost_inputs c
            WHERE c.task_id = n.task_id
            OFFSET 0
        ) c ON true
        WHERE (c.has_usage, c.completion_tokens, c.total_tokens)
              IS DISTINCT FROM (true, n.completion_tokens, n.total_tokens))
$$;

CREATE FUNCTION ark.task_cost_inputs_for_inserted_usage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids        text[];
    completion bigint[];
    total      bigint[];
    stale      text[];
BEGIN
    SELECT array_agg(task_id), array_agg(completion_tokens), array_agg(total_tokens)
    INTO ids, completion, total
    FROM changed_usage;
    stale := ark.stale_task_cost_inputs_of_usage(ids, completion, total);
    IF cardinality(stale) > 0 THEN
        PERFORM ark.refresh_task_cost_inputs(stale);
    END IF;
    RETURN NULL;
END;
$$;

-- As for an insert, plus the tasks a changed task_id took usage away from (never done, but possible).
CREATE OR REPLACE FUNCTION ark.task_cost_inputs_for_usage_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids        text[];
    completion bigint[];
    total      bigint[];
    stale      text[];
BEGIN
    SELECT array_agg(task_id), array_agg(completion_tokens), array_agg(total_tokens)
    INTO ids, completion, total
    FROM usage_after;
    stale := ark.stale_task_cost_inputs_of_usage(ids, completion, total)
             || ARRAY(SELECT task_id FROM usage_before EXCEPT SELECT task_id FROM usage_after);
    IF cardinality(stale) > 0 THEN
        PERFORM ark.refresh_task_cost_inputs(stale);
    END IF;
    RETURN NULL;
END;
$$;

-- V20's row trigger, which first asks whether the row already says what NEW says (the sync wrote it in the same
-- statement): then nothing to do, and no new row version.
CREATE OR REPLACE FUNCTION ark.task_cost_inputs_for_task_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key integer;
BEGIN
    IF OLD.id = NEW.id THEN
        PERFORM 1
        FROM ark.task_cost_inputs c
        JOIN ark.task_price_keys k ON k.price_key = c.price_key
        WHERE c.task_id = NEW.id
          AND (c.day, c.created_at, c.account, c.model, c.service_tier, c.status, c.safety_identifier,
               k.account, k.model, k.service_tier, k.generate_audio, k.resolution, k.draft)
              IS NOT DISTINCT FROM ((NEW.created_at AT TIME ZONE 'UTC')::date, NEW.created_at, NEW.account, NEW.model,
                                    NEW.service_tier, NEW.status, NEW.safety_identifier,
                                    NEW.account, NEW.model, NEW.service_tier, NEW.generate_audio, NEW.resolution,
                                    NEW.draft);
        IF FOUND THEN
            RETURN NULL;
        END IF;
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

DROP TRIGGER tasks_cost_inputs_insert ON ark.tasks;
CREATE TRIGGER tasks_cost_inputs_insert AFTER INSERT ON ark.tasks
    REFERENCING NEW TABLE AS changed_tasks FOR EACH STATEMENT
    EXECUTE FUNCTION ark.task_cost_inputs_for_inserted_tasks();

DROP TRIGGER task_usage_cost_inputs_insert ON ark.task_usage;
CREATE TRIGGER task_usage_cost_inputs_insert AFTER INSERT ON ark.task_usage
    REFERENCING NEW TABLE AS changed_usage FOR EACH STATEMENT
    EXECUTE FUNCTION ark.task_cost_inputs_for_inserted_usage();

COMMENT ON TABLE ark.task_cost_inputs IS
    'One narrow row per task of ark.tasks with its usage (ark.task_usage) and its price key (ark.task_price_keys): '
    'what report --cost reads instead of ark.task_costs, with the same figures. Written by the sync''s merge '
    'statement and kept equal to ark.tasks and ark.task_usage by triggers in the writer''s transaction, whoever '
    'writes; never write it by hand (ark.rebuild_task_cost_inputs() recomputes it all). Holds no price.';

-- The reporting schema: a public interface that users query with plain SQL.
-- Never edit this file once shipped; change the schema with a new migration.
CREATE SCHEMA IF NOT EXISTS ark;

-- One row per task id: the latest observation, plus the item exactly as received (raw).
CREATE TABLE ark.tasks (
    id              text        PRIMARY KEY,
    account         text        NOT NULL DEFAULT 'default', -- which API account/key synced it (ARK_ACCOUNT)
    model           text,
    status          text,                                   -- text on purpose: the API adds new statuses
    service_tier    text,
    video_url       text,                                   -- signed, expires 24 h after the task finished
    last_frame_url  text,
    file_url        text,
    error_code      text,                                   -- from "error" or "failure_reason"
    error_message   text,
    resolution      text,
    ratio           text,
    duration        integer,                                -- seconds; null when the task gives frames
    frames          integer,
    fps             integer,
    seed            bigint,
    created_at      timestamptz,
    updated_at      timestamptz,
    first_seen_at   timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,                   -- refreshed at most every ARK_LAST_SEEN_RESOLUTION
    last_changed_at timestamptz NOT NULL,                   -- when raw last changed
    gone_at         timestamptz,                            -- set when a task vanished from the API inside its window
    first_run_id    bigint,
    raw             jsonb       NOT NULL
);
CREATE INDEX tasks_created_at_idx ON ark.tasks (created_at);
CREATE INDEX tasks_model_created_at_idx ON ark.tasks (model, created_at);
CREATE INDEX tasks_unfinished_idx ON ark.tasks (status) WHERE status IN ('queued', 'running');

-- Token usage, one row per task that reported usage. A task without "usage" (queued, running,
-- most failures) has no row: absent means "not reported", never "zero".
CREATE TABLE ark.task_usage (
    task_id           text        PRIMARY KEY,
    completion_tokens bigint,
    total_tokens      bigint,
    tool_usage        jsonb,
    recorded_at       timestamptz NOT NULL
);

-- Append-only audit trail: one row per distinct observed version of a task
-- (status, updated_at, tokens, urls, error). The job only ever inserts here.
CREATE TABLE ark.task_history (
    history_id        bigserial   PRIMARY KEY,
    task_id           text        NOT NULL,
    run_id            bigint,
    observed_at       timestamptz NOT NULL,
    status            text,
    task_updated_at   timestamptz,
    completion_tokens bigint,
    total_tokens      bigint,
    video_url         text,
    last_frame_url    text,
    error_code        text,
    error_message     text
);
CREATE INDEX task_history_task_idx ON ark.task_history (task_id, history_id);

CREATE FUNCTION ark.refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ark.task_history is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER task_history_append_only
    BEFORE UPDATE OR DELETE ON ark.task_history
    FOR EACH ROW EXECUTE FUNCTION ark.refuse_history_rewrite();

-- Items the job could not map: kept verbatim with the reason, so nothing is lost silently.
CREATE TABLE ark.task_rejects (
    reject_id   bigserial   PRIMARY KEY,
    run_id      bigint,
    rejected_at timestamptz NOT NULL,
    task_id     text,                     -- when the item had a usable id
    reason      text        NOT NULL,
    raw_text    text        NOT NULL,     -- the item as JSON text; NUL escaped as \u0000
    slice       text,                     -- the listing filter it came from
    page_num    integer
);
CREATE INDEX task_rejects_run_idx ON ark.task_rejects (run_id);

-- A readable summary of every run (Spring Batch keeps the machine-level record in ark_batch).
CREATE TABLE ark.sync_runs (
    run_id         bigint      PRIMARY KEY,  -- the Spring Batch job execution id
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    status         text        NOT NULL,
    exit_code      integer,
    base_url       text,
    pages          integer     NOT NULL DEFAULT 0,
    items_read     bigint      NOT NULL DEFAULT 0,
    inserted       bigint      NOT NULL DEFAULT 0,
    updated        bigint      NOT NULL DEFAULT 0,
    unchanged      bigint      NOT NULL DEFAULT 0,
    duplicates     bigint      NOT NULL DEFAULT 0,
    rejected       bigint      NOT NULL DEFAULT 0,
    history_rows   bigint      NOT NULL DEFAULT 0,
    api_total      bigint,                   -- sum of the API's "total" over the slices read
    message        text
);

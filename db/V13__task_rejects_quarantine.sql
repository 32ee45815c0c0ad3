-- Quarantined items (issue 19): an item larger than ark.max-item-bytes, or the item a page broke in, is kept in
-- ark.task_rejects with the start of its text instead of failing its account on every run. Such an item is met
-- again by every later run while the API lists it, so a reject is now one row per account and content, seen again
-- rather than added again: first_seen_at/last_seen_at/times_seen/last_run_id say when and how often.
-- Never edit this file once shipped; change the schema with a new migration.

ALTER TABLE ark.task_rejects
    ADD COLUMN account       text,
    ADD COLUMN size_bytes    bigint,
    ADD COLUMN first_seen_at timestamptz,
    ADD COLUMN last_seen_at  timestamptz,
    ADD COLUMN times_seen    integer NOT NULL DEFAULT 1,
    ADD COLUMN last_run_id   bigint,
    ADD COLUMN reject_key    uuid;

-- Rows written before: their run's account, seen once, at the time they were written. They keep no key (each stays
-- its own row, as it was written); only rejects written from this release on are merged.
UPDATE ark.task_rejects r
SET account = s.account
FROM ark.sync_runs s
WHERE s.run_id = r.run_id;
UPDATE ark.task_rejects SET first_seen_at = rejected_at, last_seen_at = rejected_at, last_run_id = run_id;

ALTER TABLE ark.task_rejects
    ALTER COLUMN first_seen_at SET NOT NULL,
    ALTER COLUMN last_seen_at SET NOT NULL;

CREATE UNIQUE INDEX task_rejects_key_idx ON ark.task_rejects (reject_key);
CREATE INDEX task_rejects_account_task_idx ON ark.task_rejects (account, task_id);

COMMENT ON COLUMN ark.task_rejects.run_id IS 'The run that first quarantined the item';
COMMENT ON COLUMN ark.task_rejects.rejected_at IS 'When the item was first quarantined (= first_seen_at)';
COMMENT ON COLUMN ark.task_rejects.raw_text IS
    'The item as JSON text (NUL escaped as \u0000); for an item larger than ark.max-item-bytes, or one a page broke in, only its start (at most 16 KiB)';
COMMENT ON COLUMN ark.task_rejects.account IS 'The account whose listing held the item (null: a row older than this column whose run is unknown)';
COMMENT ON COLUMN ark.task_rejects.size_bytes IS 'The item''s length as received, in bytes; null when unknown (a page cut inside it)';
COMMENT ON COLUMN ark.task_rejects.first_seen_at IS 'When a run first quarantined this item';
COMMENT ON COLUMN ark.task_rejects.last_seen_at IS 'When a run last met this item';
COMMENT ON COLUMN ark.task_rejects.times_seen IS 'How many times runs met this item (the same item twice in one run counts twice)';
COMMENT ON COLUMN ark.task_rejects.last_run_id IS 'The run that last met this item';
COMMENT ON COLUMN ark.task_rejects.reject_key IS
    '128 bits of SHA-256 over the account, task id, reason and text: the same reject met again updates its row; internal to the job';

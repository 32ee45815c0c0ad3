-- A task that was listed but quarantined in ark.task_rejects (too large, the item a page broke in, a field mapping
-- refuses, a value PostgreSQL refuses, an offset no page could read) is not held by the run, even when its id was
-- read: from this release such a listing is not reconciled, and this column says how many of its items it put in
-- ark.task_rejects instead of ark.tasks (an item met twice in the run counts twice, as ark.sync_runs.rejected).
-- Null for rows written before this column existed.
-- Never edit this file once shipped; change the schema with a new migration.

ALTER TABLE ark.sync_ledger ADD COLUMN quarantined bigint;

COMMENT ON COLUMN ark.sync_ledger.quarantined IS
    'Items of this listing quarantined in ark.task_rejects instead of stored in ark.tasks; any makes the listing not reconciled (null: a row older than this column)';
COMMENT ON COLUMN ark.sync_ledger.reconciled IS
    'Every drop repaired, every task in reach and every listed item stored (none quarantined)';

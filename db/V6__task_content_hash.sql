-- What the job last wrote for each task, as a digest: a re-read of an unchanged task is then recognised by one
-- narrow index lookup per chunk instead of staging the item and comparing its jsonb (src/docs/performance.md).
-- Null for rows written before this migration: they are compared the old way until their next write sets it.
ALTER TABLE ark.tasks ADD COLUMN content_hash uuid;
COMMENT ON COLUMN ark.tasks.content_hash IS
    '128 bits of SHA-256 over the values the job last wrote for the task (the item, the mapped columns, the account); internal to the job';

-- From this release on, content_hash is made from the item as received (the digest of its bytes), the tier of the
-- listing it came from, the mapping's version and the account, so that a full run recognises an unchanged item before
-- mapping it (src/docs/performance.md). Hashes stored by earlier releases no longer match: such a task goes through the
-- comparison in PostgreSQL, as a task without a hash does, until its next write (at the latest its next last_seen_at
-- refresh) stores the new hash. Nothing else changes.
COMMENT ON COLUMN ark.tasks.content_hash IS
    '128 bits of SHA-256 over the item as received, the tier of its listing, the version of the mapping and the account; internal to the job';

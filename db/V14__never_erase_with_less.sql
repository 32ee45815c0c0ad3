-- Never erase with less (src/docs/database.md, "How a task is merged"). Never edit this file once shipped; change the
-- schema with a new migration.
--
-- An observation of the same version of a task as the one stored (same status, same updated_at) that carries fewer
-- fields, as a relay that trims items sends, is merged into what is stored instead of replacing it. This function
-- merges its item into the stored raw: every stored field stays; a field the observation carries with a value wins;
-- one it carries empty (null, "", {} or []) keeps the stored value; objects on both sides (content, usage, error)
-- are merged the same way, field by field. A newer version is never merged: it replaces the stored item.
CREATE FUNCTION ark.merge_same_version(stored jsonb, observed jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(stored) = 'object' AND jsonb_typeof(observed) = 'object' THEN
            stored || coalesce((
                SELECT jsonb_object_agg(o.key,
                           CASE WHEN jsonb_typeof(s.value) = 'object' AND jsonb_typeof(o.value) = 'object'
                                THEN ark.merge_same_version(s.value, o.value)
                                ELSE o.value END)
                FROM jsonb_each(observed) o
                LEFT JOIN jsonb_each(stored) s ON s.key = o.key
                WHERE s.key IS NULL OR o.value NOT IN ('null'::jsonb, '""'::jsonb, '{}'::jsonb, '[]'::jsonb)
            ), '{}'::jsonb)
        ELSE observed
    END
$$;

COMMENT ON FUNCTION ark.merge_same_version(jsonb, jsonb) IS
    'The raw item kept when an observation of the same task version (same status and updated_at) arrives: the '
    'stored fields, overridden by the observed ones that carry a value (not null, "", {} or []), objects merged '
    'field by field. Used by the sync so that a poorer observation (a relay that trims items) never erases what is '
    'stored.';

-- Succeeded tasks whose item came without usage and had none stored: tokens the record does not hold (shown as not
-- reported, never as zero). Null for runs recorded before this column existed.
ALTER TABLE ark.sync_runs ADD COLUMN usage_missing bigint;
COMMENT ON COLUMN ark.sync_runs.usage_missing IS
    'Succeeded tasks the run merged whose item carried no usage and that had none stored: their tokens are not reported';

-- The archive never lets one link stop it (issue 19): every outcome of a link is recorded against that link. A
-- failed link carries when the next run may try it again (next_attempt_at, later after each failed run), and a link
-- that failed ARK_ARCHIVE_MAX_RUNS runs, or can never succeed (larger than ARK_ARCHIVE_MAX_SIZE), is given up with
-- its reason instead of staying 'failed' forever. Rows written before keep their values (next_attempt_at NULL: due).
ALTER TABLE ark.task_artifacts ADD COLUMN next_attempt_at timestamptz;

ALTER TABLE ark.task_artifacts DROP CONSTRAINT task_artifacts_status_check;
ALTER TABLE ark.task_artifacts ADD CONSTRAINT task_artifacts_status_check
    CHECK (status IN ('archived', 'expired', 'failed', 'given_up'));
-- only a failed link is tried again
ALTER TABLE ark.task_artifacts ADD CONSTRAINT task_artifacts_next_attempt_only_when_failed
    CHECK (next_attempt_at IS NULL OR status = 'failed');

COMMENT ON COLUMN ark.task_artifacts.next_attempt_at IS
    'failed only: a sync does not try the link again before this (the archive command does); NULL: at the next run';
COMMENT ON TABLE ark.task_artifacts IS
    'One row per task and output kind (video, last_frame, file) the archive tried: archived (a copy verified by '
    'size and sha256 is at location), expired (the storage host refused the link: 403/404 after its 24 h), failed '
    '(tried again from next_attempt_at) or given_up (failed too often, or can never succeed; reason says why). '
    'No row: not tried yet.';

-- Same columns in the same order, given_up appended (CREATE OR REPLACE VIEW may only add columns at the end).
CREATE OR REPLACE VIEW ark.daily_archive_coverage AS
SELECT (t.created_at AT TIME ZONE 'UTC')::date                      AS day,
       t.model,
       count(*)                                                     AS artifacts,
       count(*) FILTER (WHERE a.status = 'archived')                AS archived,
       count(*) FILTER (WHERE a.status = 'expired')                 AS expired,
       count(*) FILTER (WHERE a.status = 'failed')                  AS failed,
       count(*) FILTER (WHERE a.status IS NULL)                     AS pending,
       coalesce(sum(a.size_bytes) FILTER (WHERE a.status = 'archived'), 0) AS archived_bytes,
       count(*) FILTER (WHERE a.status = 'given_up')                AS given_up
FROM ark.tasks t
CROSS JOIN LATERAL (VALUES ('video', t.video_url), ('last_frame', t.last_frame_url), ('file', t.file_url))
    AS link(kind, url)
LEFT JOIN ark.task_artifacts a ON a.task_id = t.id AND a.kind = link.kind
WHERE link.url IS NOT NULL
GROUP BY 1, 2;
COMMENT ON VIEW ark.daily_archive_coverage IS
    'Archive coverage per UTC day of created_at and model: output links the API returned (artifacts), archived, '
    'expired before archiving, failed (to be retried), pending (not tried yet), the archived bytes, and given_up '
    '(failed too often or can never succeed).';

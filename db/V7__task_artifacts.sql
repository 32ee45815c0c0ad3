-- Archived copies of the outputs of tasks (issue 14): the API's video_url, last_frame_url and file_url are signed
-- links that die 24 h after the task finished; ark-task-sync copies each into the archive (ARK_ARCHIVE_URL) and
-- records the copy here. No row: not attempted yet.
CREATE TABLE ark.task_artifacts (
    task_id         text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('video', 'last_frame', 'file')),
    account         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('archived', 'expired', 'failed')),
    reason          text,                                   -- why expired or failed (never the signed URL)
    attempts        integer     NOT NULL DEFAULT 0,         -- runs that tried to fetch it
    sha256          text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes      bigint      CHECK (size_bytes >= 0),
    content_type    text,
    location        text,                                   -- file:///... or s3://bucket/key of the copy
    archived_at     timestamptz,
    last_attempt_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, kind),
    -- an archived row always names a verified copy; any other row names none
    CHECK ((status = 'archived') = (sha256 IS NOT NULL AND size_bytes IS NOT NULL AND location IS NOT NULL
                                    AND archived_at IS NOT NULL))
);
COMMENT ON TABLE ark.task_artifacts IS
    'One row per task and output kind (video, last_frame, file) the archive step tried: archived (a copy verified by '
    'size and sha256 is at location), expired (the storage host refused the link: 403/404 after its 24 h) or failed '
    '(retried by the next run). No row: not tried yet.';

-- The archive step reads tasks with a link in order of when they finished (their links die 24 h later).
CREATE INDEX tasks_archivable_idx ON ark.tasks (account, (coalesce(updated_at, first_seen_at)), id)
    WHERE video_url IS NOT NULL OR last_frame_url IS NOT NULL OR file_url IS NOT NULL;

CREATE VIEW ark.daily_archive_coverage AS
SELECT (t.created_at AT TIME ZONE 'UTC')::date                      AS day,
       t.model,
       count(*)                                                     AS artifacts,
       count(*) FILTER (WHERE a.status = 'archived')                AS archived,
       count(*) FILTER (WHERE a.status = 'expired')                 AS expired,
       count(*) FILTER (WHERE a.status = 'failed')                  AS failed,
       count(*) FILTER (WHERE a.status IS NULL)                     AS pending,
       coalesce(sum(a.size_bytes) FILTER (WHERE a.status = 'archived'), 0) AS archived_bytes
FROM ark.tasks t
CROSS JOIN LATERAL (VALUES ('video', t.video_url), ('last_frame', t.last_frame_url), ('file', t.file_url))
    AS link(kind, url)
LEFT JOIN ark.task_artifacts a ON a.task_id = t.id AND a.kind = link.kind
WHERE link.url IS NOT NULL
GROUP BY 1, 2;
COMMENT ON VIEW ark.daily_archive_coverage IS
    'Archive coverage per UTC day of created_at and model: output links the API returned (artifacts), archived, '
    'expired before archiving, failed (to be retried), pending (not tried yet) and the archived bytes.';

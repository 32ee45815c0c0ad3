package io.arktasksync.archive;

import java.time.OffsetDateTime;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code ark.task_artifacts}: which output links still need a copy, and the outcome of each attempt. Each write is
 * its own statement and commits on its own: an artifact is recorded archived only after its copy is complete under
 * its final name.
 */
@RegisterConstructorMapper(ArtifactLink.class)
interface ArtifactDao {

    /** The links of one account's tasks as (task, kind, url) rows, with the task's finish time. */
    String LINKS = """
            SELECT t.id AS task_id, link.kind, t.account, link.url, t.created_at,
                   coalesce(t.updated_at, t.first_seen_at) AS finished_at, coalesce(a.attempts, 0) AS runs
            FROM ark.tasks t
            CROSS JOIN LATERAL (VALUES ('video', t.video_url), ('last_frame', t.last_frame_url), ('file', t.file_url))
                AS link(kind, url)
            LEFT JOIN ark.task_artifacts a ON a.task_id = t.id AND a.kind = link.kind
            WHERE t.account = :account
              AND (t.video_url IS NOT NULL OR t.last_frame_url IS NOT NULL OR t.file_url IS NOT NULL)
              AND link.url IS NOT NULL
              AND (a.status IS NULL OR (a.status = 'failed' AND a.attempts < :maxRuns))
            """;

    /**
     * Links whose 24 h are not over yet ({@code finished_at >= :cutoff}), the closest to dying first, after the keyset
     * {@code (finished_at, task_id, kind)}.
     */
    @SqlQuery(LINKS + """
              AND coalesce(t.updated_at, t.first_seen_at) >= :cutoff
              AND (coalesce(t.updated_at, t.first_seen_at), t.id, link.kind) > (:afterFinished, :afterTask, :afterKind)
            ORDER BY coalesce(t.updated_at, t.first_seen_at), t.id, link.kind
            LIMIT :limit
            """)
    List<ArtifactLink> liveLinks(@Bind("account") String account, @Bind("maxRuns") int maxRuns,
            @Bind("cutoff") OffsetDateTime cutoff, @Bind("afterFinished") OffsetDateTime afterFinished,
            @Bind("afterTask") String afterTask, @Bind("afterKind") String afterKind, @Bind("limit") int limit);

    /**
     * Links past their 24 h, tried once in case the host still serves them (it records them expired otherwise),
     * the most recent first, before the keyset.
     */
    @SqlQuery(LINKS + """
              AND coalesce(t.updated_at, t.first_seen_at) < :cutoff
              AND (coalesce(t.updated_at, t.first_seen_at), t.id, link.kind) < (:beforeFinished, :beforeTask, :beforeKind)
            ORDER BY coalesce(t.updated_at, t.first_seen_at) DESC, t.id DESC, link.kind DESC
            LIMIT :limit
            """)
    List<ArtifactLink> pastLinks(@Bind("account") String account, @Bind("maxRuns") int maxRuns,
            @Bind("cutoff") OffsetDateTime cutoff, @Bind("beforeFinished") OffsetDateTime beforeFinished,
            @Bind("beforeTask") String beforeTask, @Bind("beforeKind") String beforeKind, @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO ark.task_artifacts (task_id, kind, account, status, reason, attempts, sha256, size_bytes,
                                            content_type, location, archived_at, last_attempt_at)
            VALUES (:taskId, :kind, :account, 'archived', NULL, 1, :sha256, :size, :contentType, :location, :now, :now)
            ON CONFLICT (task_id, kind) DO UPDATE SET
                status = 'archived', reason = NULL, attempts = ark.task_artifacts.attempts + 1,
                sha256 = excluded.sha256, size_bytes = excluded.size_bytes, content_type = excluded.content_type,
                location = excluded.location, archived_at = excluded.archived_at,
                last_attempt_at = excluded.last_attempt_at
            """)
    void archived(@Bind("taskId") String taskId, @Bind("kind") String kind, @Bind("account") String account,
            @Bind("sha256") String sha256, @Bind("size") long size, @Bind("contentType") String contentType,
            @Bind("location") String location, @Bind("now") OffsetDateTime now);

    /** Records an expired or failed attempt; never overwrites an archived row. */
    @SqlUpdate("""
            INSERT INTO ark.task_artifacts (task_id, kind, account, status, reason, attempts, last_attempt_at)
            VALUES (:taskId, :kind, :account, :status, :reason, 1, :now)
            ON CONFLICT (task_id, kind) DO UPDATE SET
                status = excluded.status, reason = excluded.reason, attempts = ark.task_artifacts.attempts + 1,
                last_attempt_at = excluded.last_attempt_at
            WHERE ark.task_artifacts.status <> 'archived'
            """)
    void notArchived(@Bind("taskId") String taskId, @Bind("kind") String kind, @Bind("account") String account,
            @Bind("status") String status, @Bind("reason") String reason, @Bind("now") OffsetDateTime now);
}

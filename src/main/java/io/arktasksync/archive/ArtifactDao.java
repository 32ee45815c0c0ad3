package io.arktasksync.archive;

import java.time.OffsetDateTime;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code ark.task_artifacts}: which output links still need a copy, and the outcome of each attempt. The link
 * queries page by task along {@code tasks_archivable_idx}: the inner query keeps the first {@code :limit} tasks that
 * have a pending link (primary-key lookups into task_artifacts), the outer one lists their pending links, so every
 * link of a task is in one page and a page costs the tasks it walks, not the whole table. Each write is
 * its own statement and commits on its own: an artifact is recorded archived only after its copy is complete under
 * its final name.
 */
@RegisterConstructorMapper(ArtifactLink.class)
interface ArtifactDao {

    /**
     * Which links a page walks, and in which order: the links of one side of the 24 h cutoff, from the keyset
     * {@code (finished_at, task_id)} on. Spliced into the SQL by {@link Define}: constants, never input.
     */
    enum Side {
        /** Links whose 24 h are not over yet ({@code finished_at >= :cutoff}), the closest to dying first. */
        LIVE(">=", ">", "ASC"),
        /** Links past their 24 h, tried once in case the host still serves them, the most recent first. */
        PAST("<", "<", "DESC");

        private final String ofCutoff;

        private final String afterKeyset;

        private final String order;

        Side(String ofCutoff, String afterKeyset, String order) {
            this.ofCutoff = ofCutoff;
            this.afterKeyset = afterKeyset;
            this.order = order;
        }
    }

    /**
     * A page of links of one side of the cutoff, of the tasks after the keyset {@code (finished_at, task_id)} in that
     * side's order. A link is pending without a row, or failed fewer than {@code :maxRuns} runs and due: its next try
     * not after {@code :due} (null: any failed link).
     */
    default List<ArtifactLink> links(Side side, String account, int maxRuns, OffsetDateTime due, OffsetDateTime cutoff,
            OffsetDateTime keysetFinished, String keysetTask, int limit) {
        return links(side.ofCutoff, side.afterKeyset, side.order, account, maxRuns, due, cutoff, keysetFinished,
                keysetTask, limit);
    }

    @SqlQuery("""
            SELECT t.id AS task_id, link.kind, t.account, link.url, t.created_at, t.finished_at,
                   coalesce(a.attempts, 0) AS runs
            FROM (
                SELECT t.id, t.account, t.created_at, coalesce(t.updated_at, t.first_seen_at) AS finished_at,
                       t.video_url, t.last_frame_url, t.file_url
                FROM ark.tasks t
                WHERE t.account = :account
                  AND (t.video_url IS NOT NULL OR t.last_frame_url IS NOT NULL OR t.file_url IS NOT NULL)
                  AND coalesce(t.updated_at, t.first_seen_at) <ofCutoff> :cutoff
                  AND (coalesce(t.updated_at, t.first_seen_at), t.id) <afterKeyset> (:keysetFinished, :keysetTask)
                  AND ((t.video_url IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM ark.task_artifacts a WHERE a.task_id = t.id AND a.kind = 'video'
                              AND NOT (a.status = 'failed' AND a.attempts < :maxRuns
                                   AND coalesce(a.next_attempt_at, '-infinity')
                                       <= coalesce(CAST(:due AS timestamptz), 'infinity'))))
                       OR (t.last_frame_url IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM ark.task_artifacts a WHERE a.task_id = t.id AND a.kind = 'last_frame'
                              AND NOT (a.status = 'failed' AND a.attempts < :maxRuns
                                   AND coalesce(a.next_attempt_at, '-infinity')
                                       <= coalesce(CAST(:due AS timestamptz), 'infinity'))))
                       OR (t.file_url IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM ark.task_artifacts a WHERE a.task_id = t.id AND a.kind = 'file'
                              AND NOT (a.status = 'failed' AND a.attempts < :maxRuns
                                   AND coalesce(a.next_attempt_at, '-infinity')
                                       <= coalesce(CAST(:due AS timestamptz), 'infinity')))))
                ORDER BY coalesce(t.updated_at, t.first_seen_at) <order>, t.id <order>
                LIMIT :limit
            ) t
            CROSS JOIN LATERAL (VALUES ('video', t.video_url), ('last_frame', t.last_frame_url), ('file', t.file_url))
                AS link(kind, url)
            LEFT JOIN ark.task_artifacts a ON a.task_id = t.id AND a.kind = link.kind
            WHERE link.url IS NOT NULL
              AND (a.status IS NULL OR (a.status = 'failed' AND a.attempts < :maxRuns
                                        AND coalesce(a.next_attempt_at, '-infinity')
                                            <= coalesce(CAST(:due AS timestamptz), 'infinity')))
            ORDER BY t.finished_at <order>, t.id <order>, link.kind
            """)
    List<ArtifactLink> links(@Define("ofCutoff") String ofCutoff, @Define("afterKeyset") String afterKeyset,
            @Define("order") String order, @Bind("account") String account, @Bind("maxRuns") int maxRuns,
            @Bind("due") OffsetDateTime due, @Bind("cutoff") OffsetDateTime cutoff,
            @Bind("keysetFinished") OffsetDateTime keysetFinished, @Bind("keysetTask") String keysetTask,
            @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO ark.task_artifacts (task_id, kind, account, status, reason, attempts, sha256, size_bytes,
                                            content_type, location, archived_at, last_attempt_at)
            VALUES (:taskId, :kind, :account, 'archived', NULL, 1, :sha256, :size, :contentType, :location, :now, :now)
            ON CONFLICT (task_id, kind) DO UPDATE SET
                status = 'archived', reason = NULL, attempts = ark.task_artifacts.attempts + 1,
                sha256 = excluded.sha256, size_bytes = excluded.size_bytes, content_type = excluded.content_type,
                location = excluded.location, archived_at = excluded.archived_at,
                last_attempt_at = excluded.last_attempt_at, next_attempt_at = NULL
            """)
    void archived(@Bind("taskId") String taskId, @Bind("kind") String kind, @Bind("account") String account,
            @Bind("sha256") String sha256, @Bind("size") long size, @Bind("contentType") String contentType,
            @Bind("location") String location, @Bind("now") OffsetDateTime now);

    /**
     * Records an expired, failed or given-up attempt; never overwrites an archived row.
     *
     * @param nextAttempt failed only: when a sync may try the link again; null otherwise
     */
    @SqlUpdate("""
            INSERT INTO ark.task_artifacts (task_id, kind, account, status, reason, attempts, last_attempt_at,
                                            next_attempt_at)
            VALUES (:taskId, :kind, :account, :status, :reason, 1, :now, :nextAttempt)
            ON CONFLICT (task_id, kind) DO UPDATE SET
                status = excluded.status, reason = excluded.reason, attempts = ark.task_artifacts.attempts + 1,
                last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at
            WHERE ark.task_artifacts.status <> 'archived'
            """)
    void notArchived(@Bind("taskId") String taskId, @Bind("kind") String kind, @Bind("account") String account,
            @Bind("status") String status, @Bind("reason") String reason, @Bind("now") OffsetDateTime now,
            @Bind("nextAttempt") OffsetDateTime nextAttempt);
}

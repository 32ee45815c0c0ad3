package io.arktasksync.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Finds the tasks of a chunk that writing would not change, so the writer can leave them out of staging and touch at
 * most their {@code last_seen_at}: per chunk ({@link #unchanged}), or for a full run from one read of the account's
 * stored hashes ({@link #storedTasks}).
 */
public interface UnchangedTaskDao {

    /**
     * The tasks whose stored row was written from exactly this content (same {@code content_hash}): for these the
     * upsert would write no task column but {@code last_seen_at} and {@code gone_at}, and no usage nor history row.
     * Anything else (new, changed, older or newer observation, no hash yet) is not returned and goes through the
     * upsert, which decides as before.
     *
     * @param ids the chunk's ids, distinct, in the same order as {@code hashes}
     * @param touchBefore a {@code last_seen_at} before this is refreshed ({@code ARK_LAST_SEEN_RESOLUTION})
     */
    @SqlQuery("""
            SELECT i.id, (t.gone_at IS NOT NULL OR t.last_seen_at < :touchBefore) AS touch
            FROM unnest(:ids, :hashes) AS i(id, content_hash)
            -- OFFSET 0 keeps one primary-key lookup per id: never a scan of ark.tasks, whatever the estimates.
            JOIN LATERAL (SELECT t.content_hash, t.gone_at, t.last_seen_at FROM ark.tasks t WHERE t.id = i.id OFFSET 0) t
                ON true
            WHERE t.content_hash = i.content_hash
            """)
    @RegisterConstructorMapper(UnchangedTask.class)
    List<UnchangedTask> unchanged(@Bind("ids") String[] ids, @Bind("hashes") UUID[] hashes,
            @Bind("touchBefore") OffsetDateTime touchBefore);

    /**
     * The stored tasks of the account that have a content hash and were created since {@code createdSince}, streamed
     * (a cursor of 10,000 rows at a time, so must be called inside a transaction): what a full run, which will see
     * most of them again, compares in memory instead of asking once per chunk. Only those the listing can still
     * return: the account's whole history grows without end (and with it the memory a run would need), while the API
     * lists 7 days. Rows of the account's ids that another account wrote last carry that account's hash and would
     * not match anyway.
     */
    @SqlQuery("""
            SELECT id, content_hash, (extract(epoch FROM last_seen_at) * 1000000)::bigint AS last_seen_micros,
                   gone_at IS NOT NULL AS gone
            FROM ark.tasks
            WHERE account = :account AND content_hash IS NOT NULL AND created_at >= :createdSince
            """)
    @FetchSize(10_000)
    @RegisterRowMapper(StoredTask.Mapper.class)
    ResultIterable<StoredTask> storedTasks(@Bind("account") String account,
            @Bind("createdSince") OffsetDateTime createdSince);

    /** What the upsert does to an unchanged task seen again: refresh {@code last_seen_at}, clear {@code gone_at}. */
    @SqlUpdate("UPDATE ark.tasks SET last_seen_at = :now, gone_at = NULL WHERE id = ANY(:ids)")
    int touch(@Bind("ids") String[] ids, @Bind("now") OffsetDateTime now);
}

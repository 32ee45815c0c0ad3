package io.arktasksync.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Finds the tasks of a chunk that writing would not change, so the writer can leave them out before staging. */
public interface UnchangedTaskDao {

    /**
     * The ids whose stored row was written from exactly this content (same {@code content_hash}), is not marked gone
     * and was seen recently enough ({@code last_seen_at} at or after {@code touchBefore}): for these the upsert
     * would write nothing, no task, usage nor history row. Anything else (new, changed, older or newer observation,
     * no hash yet) is not returned and goes through the upsert, which decides as before.
     *
     * @param ids the chunk's ids, distinct, in the same order as {@code hashes}
     */
    @SqlQuery("""
            SELECT i.id
            FROM unnest(:ids, :hashes) AS i(id, content_hash)
            -- OFFSET 0 keeps one primary-key lookup per id: never a scan of ark.tasks, whatever the estimates.
            JOIN LATERAL (SELECT t.content_hash, t.gone_at, t.last_seen_at FROM ark.tasks t WHERE t.id = i.id OFFSET 0) t
                ON true
            WHERE t.content_hash = i.content_hash AND t.gone_at IS NULL AND t.last_seen_at >= :touchBefore
            """)
    List<String> unchangedIds(@Bind("ids") String[] ids, @Bind("hashes") UUID[] hashes,
            @Bind("touchBefore") OffsetDateTime touchBefore);
}

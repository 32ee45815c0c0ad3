package io.arktasksync.persistence;

import java.util.Collection;
import java.util.List;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes the completeness ledger ({@code ark.sync_ledger}) and answers what the reader needs to narrow listings. */
public interface LedgerDao {

    /** Models already stored: candidates for {@code filter.model} when a listing is too big to page through. */
    @SqlQuery("SELECT DISTINCT model FROM ark.tasks WHERE model IS NOT NULL ORDER BY model")
    List<String> storedModels();

    /**
     * @param ledgers objects with the accessors {@code slice(), totalAtStart(), totalAtEnd(), pages(), pagesReread(),
     *        itemsRead(), newIds(), repairedItems(), totalDrops(), outOfReach(), quarantined(), reconciled(),
     *        note()}
     */
    @SqlBatch("""
            INSERT INTO ark.sync_ledger (run_id, slice, total_at_start, total_at_end, pages, pages_reread,
                                         items_read, new_ids, repaired_items, total_drops, out_of_reach, quarantined,
                                         reconciled, note)
            VALUES (:runId, :slice, nullif(:totalAtStart, -1), nullif(:totalAtEnd, -1), :pages, :pagesReread,
                    :itemsRead, :newIds, :repairedItems, :totalDrops, :outOfReach, :quarantined, :reconciled, :note)
            ON CONFLICT (run_id, slice) DO NOTHING
            """)
    void insert(@Bind("runId") long runId, @BindMethods Collection<?> ledgers);

    @SqlUpdate("UPDATE ark.sync_runs SET reconciled = :reconciled, distinct_ids = :distinctIds WHERE run_id = :runId")
    void recordCompleteness(@Bind("runId") long runId, @Bind("reconciled") boolean reconciled,
            @Bind("distinctIds") long distinctIds);
}

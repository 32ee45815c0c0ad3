package io.arktasksync.persistence;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Marks tasks that vanished from the API while still inside its 7-day window (deleted upstream). Only the account's
 * own tasks: another account's listing holds other tasks, and a task stored by another account (the same id listed
 * by two keys) is that account's to mark.
 */
public interface GoneTaskDao {

    /** Stored, not yet marked tasks of the given tiers that the API should still list: created inside the window. */
    @SqlQuery("""
            SELECT id FROM ark.tasks
            WHERE account = :account AND gone_at IS NULL AND coalesce(service_tier, 'default') IN (<tiers>)
              AND created_at > :windowStart AND created_at < :listedBefore
            """)
    List<String> expectedInListing(@Bind("account") String account, @BindList("tiers") Collection<String> tiers,
            @Bind("windowStart") OffsetDateTime windowStart, @Bind("listedBefore") OffsetDateTime listedBefore);

    @SqlUpdate("UPDATE ark.tasks SET gone_at = :goneAt WHERE id = ANY(:ids) AND gone_at IS NULL")
    int markGone(@Bind("ids") String[] ids, @Bind("goneAt") OffsetDateTime goneAt);
}

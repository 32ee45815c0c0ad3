package io.arktasksync.schema;

import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/**
 * Flyway's history table as earlier releases left it: {@code public.flyway_schema_history}. Moved into
 * {@code ark} (with its rows, so Flyway sees every migration as applied) before Flyway looks for it there.
 */
public interface LegacyHistoryDao extends Transactional<LegacyHistoryDao> {

    /** Serialises two processes starting at once on the same old database; released with the transaction. */
    @SqlQuery("SELECT pg_advisory_xact_lock(hashtext('ark-task-sync flyway history move'))::text")
    String lockForMove();

    @SqlQuery("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")
    boolean legacyTablePresent();

    @SqlQuery("SELECT to_regclass('ark.flyway_schema_history') IS NOT NULL")
    boolean currentTablePresent();

    /**
     * Whether the table in {@code public} records this application's first migration: another application's Flyway
     * history in the same database stays where it is.
     */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM public.flyway_schema_history
                           WHERE version = '1' AND script = 'V1__spring_batch_schema.sql' AND success)
            """)
    boolean legacyTableIsOurs();

    @SqlUpdate("CREATE SCHEMA IF NOT EXISTS ark")
    void createSchema();

    @SqlUpdate("ALTER TABLE public.flyway_schema_history SET SCHEMA ark")
    void moveIntoArk();

    /** The index Flyway created with the table keeps its name and moves along with it. */
    @SqlQuery("SELECT count(*) FROM ark.flyway_schema_history")
    int rowsMoved();
}

package io.arktasksync.persistence;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Keeps {@code ark.sync_runs}, the one-row-per-run summary that operators read. */
@RegisterConstructorMapper(SyncRunRow.class)
public interface SyncRunDao {

    @SqlUpdate("""
            INSERT INTO ark.sync_runs (run_id, started_at, status, base_url, mode)
            VALUES (:runId, :startedAt, 'STARTED', :baseUrl, :mode)
            ON CONFLICT (run_id) DO NOTHING
            """)
    void start(@Bind("runId") long runId, @Bind("startedAt") OffsetDateTime startedAt,
            @Bind("baseUrl") String baseUrl, @Bind("mode") String mode);

    @SqlUpdate("""
            UPDATE ark.sync_runs
            SET finished_at = :finishedAt, status = :status, exit_code = :exitCode, pages = :pages,
                items_read = :itemsRead, inserted = :inserted, updated = :updated, unchanged = :unchanged,
                duplicates = :duplicates, rejected = :rejected, history_rows = :historyRows,
                api_total = :apiTotal, message = :message
            WHERE run_id = :runId
            """)
    void finish(@BindMethods SyncRunRow row);

    @SqlQuery("SELECT * FROM ark.sync_runs WHERE run_id = :runId")
    Optional<SyncRunRow> find(@Bind("runId") long runId);
}

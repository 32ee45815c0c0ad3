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
            INSERT INTO ark.sync_runs (run_id, started_at, status, base_url, mode, account)
            VALUES (:runId, :startedAt, 'STARTED', :baseUrl, :mode, :account)
            ON CONFLICT (run_id) DO NOTHING
            """)
    void start(@Bind("runId") long runId, @Bind("startedAt") OffsetDateTime startedAt,
            @Bind("baseUrl") String baseUrl, @Bind("mode") String mode, @Bind("account") String account);

    @SqlUpdate("""
            UPDATE ark.sync_runs
            SET finished_at = :finishedAt, status = :status, exit_code = :exitCode, pages = :pages,
                items_read = :itemsRead, inserted = :inserted, updated = :updated, unchanged = :unchanged,
                duplicates = :duplicates, rejected = :rejected, history_rows = :historyRows,
                api_total = :apiTotal, message = :message, usage_missing = :usageMissing
            WHERE run_id = :runId
            """)
    void finish(@BindMethods SyncRunRow row);

    /**
     * Closes every row of the account still open, for a caller holding the account's run lock (so no live run owns
     * them; another account's open rows may belong to a live run of that account). A row whose job
     * execution Spring Batch recorded as STOPPED was stopped at a chunk boundary and only its own row was not written
     * before the process exited: it is closed as stopped. Any other open row's process died.
     *
     * @return the rows closed
     */
    @SqlUpdate("""
            UPDATE ark.sync_runs r
            SET finished_at = now(),
                status = CASE WHEN e.status = 'STOPPED' THEN 'STOPPED' ELSE 'FAILED' END,
                exit_code = CASE WHEN e.status = 'STOPPED' THEN :stoppedCode ELSE :failedCode END,
                message = coalesce(r.message, CASE WHEN e.status = 'STOPPED'
                    THEN 'Stopped at a chunk boundary; the process exited before recording it here'
                    ELSE 'The process ended without recording an outcome (killed, or it lost the database); the '
                        || 'next run took over from it' END)
            FROM ark.sync_runs o
            LEFT JOIN ark_batch.batch_job_execution e ON e.job_execution_id = o.run_id
            WHERE o.run_id = r.run_id AND r.finished_at IS NULL AND r.account = :account
            """)
    int closeAbandoned(@Bind("account") String account, @Bind("stoppedCode") int stoppedCode,
            @Bind("failedCode") int failedCode);

    @SqlQuery("SELECT * FROM ark.sync_runs WHERE run_id = :runId")
    Optional<SyncRunRow> find(@Bind("runId") long runId);
}

package io.arktasksync.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the next run closes the {@code ark.sync_runs} rows a process left open: a process can be killed, or halted
 * after Spring Batch recorded the run as STOPPED but before the run's own row was written.
 */
class SyncRunDaoIT {

    private static final int STOPPED = 7;

    private static final int FAILED = 1;

    private TestDatabase database;

    private Jdbi jdbi;

    @BeforeEach
    void setUp() {
        database = TestDatabase.createMigrated();
        jdbi = database.jdbi()
            .installPlugin(new SqlObjectPlugin())
            .installPlugin(new PostgresPlugin());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldCloseOpenRunsAsStoppedOrFailedAfterWhatSpringBatchRecorded() {
        // given: run 1 stopped (the process exited before writing its row), run 2 killed mid-run, run 3 completed,
        // run 4 with no job execution at all; run 5 of another account, whose live run may own it
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO ark_batch.batch_job_instance VALUES (1, 0, 'arkTaskSync', 'k1')");
            h.execute("""
                    INSERT INTO ark_batch.batch_job_execution (job_execution_id, version, job_instance_id, create_time,
                        status)
                    VALUES (1, 3, 1, now(), 'STOPPED'), (2, 3, 1, now(), 'STARTED'), (3, 3, 1, now(), 'COMPLETED')
                    """);
            h.execute("""
                    INSERT INTO ark.sync_runs (run_id, started_at, status) VALUES
                        (1, now(), 'STARTED'), (2, now(), 'STARTED'), (4, now(), 'STARTED')
                    """);
            h.execute("""
                    INSERT INTO ark.sync_runs (run_id, started_at, finished_at, status, exit_code)
                    VALUES (3, now(), now(), 'COMPLETED', 0)
                    """);
            h.execute("INSERT INTO ark.sync_runs (run_id, started_at, status, account) VALUES (5, now(), 'STARTED', 'b')");
        });

        // when
        int closed = jdbi.onDemand(SyncRunDao.class).closeAbandoned("default", STOPPED, FAILED);

        // then
        assertThat(closed).isEqualTo(3);
        assertThat(run(1)).containsEntry("status", "STOPPED").containsEntry("exit_code", STOPPED);
        assertThat((String) run(1).get("message")).startsWith("Stopped at a chunk boundary");
        assertThat(run(2)).containsEntry("status", "FAILED").containsEntry("exit_code", FAILED);
        assertThat((String) run(2).get("message")).contains("killed");
        assertThat(run(3)).containsEntry("status", "COMPLETED").containsEntry("exit_code", 0);
        assertThat(run(4)).containsEntry("status", "FAILED").containsEntry("exit_code", FAILED);
        assertThat(run(5)).containsEntry("status", "STARTED").containsEntry("finished_at", null);
        int stillOpen = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ark.sync_runs WHERE finished_at IS NULL")
            .mapTo(Integer.class).one());
        assertThat(stillOpen).isEqualTo(1);
    }

    private Map<String, Object> run(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ark.sync_runs WHERE run_id = :id").bind("id", runId)
            .mapToMap().one());
    }
}

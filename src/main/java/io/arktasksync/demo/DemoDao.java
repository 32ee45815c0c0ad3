package io.arktasksync.demo;

import java.time.OffsetDateTime;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the demo knows of its earlier runs on this database. */
public interface DemoDao {

    /** Fixes the demo's starting moment on the first demo run; later runs keep it. */
    @SqlUpdate("INSERT INTO ark.demo_world (epoch) VALUES (date_trunc('second', now())) ON CONFLICT DO NOTHING")
    void fixEpoch();

    @SqlQuery("SELECT epoch FROM ark.demo_world")
    OffsetDateTime epoch();

    @SqlQuery("SELECT count(*) FROM ark.tasks WHERE account = :account")
    long storedTasks(@Bind("account") String account);

    /**
     * Demo runs that completed: the demo's clock. A failed or stopped run does not count, so that the run that
     * resumes it is served the same tasks.
     */
    @SqlQuery("""
            SELECT count(*) FROM ark.sync_runs
            WHERE status = 'COMPLETED' AND base_url LIKE :tasksUrlPattern
            """)
    int completedRuns(@Bind("tasksUrlPattern") String tasksUrlPattern);
}

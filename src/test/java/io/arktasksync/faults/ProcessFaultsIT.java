package io.arktasksync.faults;

import static io.arktasksync.faults.SyncAssertions.assertExact;
import static io.arktasksync.faults.SyncAssertions.await;
import static io.arktasksync.faults.SyncAssertions.runs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.FakePushgateway;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync as a process that dies, is told to stop, loses its database, or meets a second copy of itself. Each run
 * under test is a real child JVM started like the benchmark starts it; the simulator is slowed so that the fault
 * lands after some chunks were committed. After every fault the next run ends exact: every task once, exactly one
 * history row per task.
 */
class ProcessFaultsIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final int TASKS = 300;

    /** About 32 requests of 10 tasks each, one at a time, 150 ms apiece: a run of about 5 s plus start-up. */
    private static final Duration PER_REQUEST = Duration.ofMillis(150);

    private static final List<String> SMALL_STEPS = List.of("--ark.page-size=10", "--ark.chunk-size=10",
            "--ark.prefetch-pages=0");

    @RegisterExtension
    final SyncHarness harness = SyncHarness.onEmptyDatabase();

    private List<SimulatedTask> tasks;

    private final List<ChildSync> children = new ArrayList<>();

    @BeforeEach
    void setUp() {
        tasks = SimulatedTaskGenerator.generate(TASKS, 202L, NOW);
        harness.api().putAll(tasks);
    }

    @AfterEach
    void tearDown() {
        children.forEach(ChildSync::close);
    }

    @Test
    void shouldRecoverAndEndExactAfterTheProcessWasKilledMidRun() {
        // given: a run killed with SIGKILL after some chunks were committed
        harness.api().setResponseDelay(PER_REQUEST);
        ChildSync child = startChild();
        awaitStoredTasks(child, 50);
        child.process().destroyForcibly();
        assertThat(child.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
        long storedAtKill = harness.count("SELECT count(*) FROM ark.tasks");
        assertThat(storedAtKill).isBetween(50L, (long) TASKS - 1);
        long killedRun = harness.count("SELECT max(job_execution_id) FROM ark_batch.batch_job_execution");
        assertThat(batchStatus(killedRun)).as("a killed run stays STARTED").isEqualTo("STARTED");
        harness.api().setResponseDelay(Duration.ZERO);
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync(SMALL_STEPS.toArray(String[]::new));

        // then
        assertThat(exitCode).isZero();
        assertExact(harness, tasks);
        assertThat(batchStatus(killedRun)).as("recovered").isEqualTo("FAILED");
        long resumedRun = harness.count("SELECT max(job_execution_id) FROM ark_batch.batch_job_execution");
        assertThat(jobInstance(resumedRun)).as("the same run resumed, not a new one").isEqualTo(jobInstance(killedRun));
        assertThat(harness.api().requestQueries().get(0)).as("resumed where it was, not from page 1")
            .doesNotStartWith("page_num=1&");
        assertThat(batchStatus(resumedRun)).isEqualTo("COMPLETED");
        assertThat(runs(harness)).as("the killed run is closed, not left looking as if it still ran").hasSize(2)
            .allSatisfy(run -> assertThat(run.get("finished_at")).isNotNull());
        assertThat(runs(harness).get(0)).containsEntry("run_id", killedRun).containsEntry("status", "FAILED")
            .containsEntry("exit_code", 1);
        assertThat((String) runs(harness).get(0).get("message")).contains("killed");
        assertThat(runs(harness).get(1)).containsEntry("status", "COMPLETED").containsEntry("exit_code", 0);
    }

    @Test
    void shouldStopWithinTheGracePeriodOnSigtermAndResumeExact() {
        // given: a run told to stop with SIGTERM after some chunks were committed
        harness.api().setResponseDelay(PER_REQUEST);
        ChildSync child = startChild("--ark.shutdown-grace-period=10s");
        awaitStoredTasks(child, 50);
        long signalled = System.nanoTime();
        child.process().destroy();

        // when
        int exitCode = child.awaitExit(Duration.ofSeconds(20));

        // then: it stopped at a chunk boundary, well within the grace period, and says so
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
        assertThat(exitCode).as(child.output()).isEqualTo(143);
        long stoppedRun = harness.count("SELECT max(job_execution_id) FROM ark_batch.batch_job_execution");
        assertThat(batchStatus(stoppedRun)).isEqualTo("STOPPED");
        assertThat(runs(harness)).singleElement().satisfies(run -> assertThat(run)
            .containsEntry("status", "STOPPED").containsEntry("exit_code", 7).containsEntry("run_id", stoppedRun));
        assertThat(child.output()).as("what the stop logs is not lost to the logging system's own shutdown")
            .contains("Termination requested").containsPattern("Sync run \\d+ STOPPED \\(exit 7\\)");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isLessThan(TASKS);

        // and the next run resumes it and ends exact
        harness.api().setResponseDelay(Duration.ZERO);
        harness.api().resetRequests();
        assertThat(harness.sync(SMALL_STEPS.toArray(String[]::new))).isZero();
        assertExact(harness, tasks);
        long resumedRun = harness.count("SELECT max(job_execution_id) FROM ark_batch.batch_job_execution");
        assertThat(jobInstance(resumedRun)).isEqualTo(jobInstance(stoppedRun));
        assertThat(harness.api().requestQueries().get(0)).doesNotStartWith("page_num=1&");
    }

    @Test
    void shouldPushItsMetricsBeforeTheJvmExitsOnSigterm() {
        // given: a run that pushes its metrics, told to stop with SIGTERM after some chunks were committed
        harness.api().setResponseDelay(PER_REQUEST);
        try (FakePushgateway pushgateway = FakePushgateway.start()) {
            ChildSync child = startChild("--ark.shutdown-grace-period=10s", "--ark.pushgateway-url=" + pushgateway.url());
            awaitStoredTasks(child, 50);
            child.process().destroy();

            // when
            int exitCode = child.awaitExit(Duration.ofSeconds(20));

            // then: the push went out after the stop was recorded, before the JVM halted
            assertThat(exitCode).as(child.output()).isEqualTo(143);
            Map<String, Object> run = runs(harness).get(0);
            assertThat(run).containsEntry("status", "STOPPED");
            assertThat(pushgateway.pushes()).as(child.output()).singleElement().satisfies(push -> assertThat(push.samples())
                .containsEntry("ark_sync_exit_code{account=\"default\",mode=\"full\",outcome=\"stopped\"}", 7.0)
                .containsEntry("ark_sync_tasks_read_total{account=\"default\",mode=\"full\"}", ((Number) run.get("items_read")).doubleValue())
                .containsEntry("ark_sync_tasks_inserted_total{account=\"default\",mode=\"full\"}", ((Number) run.get("inserted")).doubleValue())
                .doesNotContainKey("ark_sync_last_success_timestamp_seconds{account=\"default\"}"));
        }
    }

    @Test
    void shouldFailCleanlyWhenTheDatabaseDropsItsConnectionsMidRunAndEndExactNextTime() {
        // given: a run whose database connections are all terminated after some chunks were committed
        harness.api().setResponseDelay(PER_REQUEST);
        ChildSync child = startChild();
        awaitStoredTasks(child, 50);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int terminated = 0;
        while (System.nanoTime() < deadline && child.process().isAlive()) {
            terminated += terminateOtherBackends();
            sleep(Duration.ofMillis(100));
        }

        // when
        int exitCode = child.awaitExit(Duration.ofSeconds(30));

        // then: the documented code for a database lost during the run, and one line that says so
        assertThat(terminated).isPositive();
        assertThat(exitCode).as(child.output()).isEqualTo(4);
        // The job ends with its summary line, or, when even the job repository was gone, the one-line report.
        assertThat(child.output()).containsPattern("Sync run \\d+ \\w+ \\(exit 4\\) .* - \\S+|Database unavailable at "
                + java.util.regex.Pattern.quote(harness.database().url()) + " .*: \\S+");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isLessThan(TASKS);

        // and the next run ends exact, and leaves no run looking as if it still ran
        harness.api().setResponseDelay(Duration.ZERO);
        assertThat(harness.sync(SMALL_STEPS.toArray(String[]::new))).isZero();
        assertExact(harness, tasks);
        assertThat(runs(harness)).allSatisfy(run -> assertThat(run.get("finished_at")).isNotNull());
        assertThat(runs(harness).get(runs(harness).size() - 1)).containsEntry("status", "COMPLETED");
    }

    @Test
    void shouldStopWritingOnceItsRunLockIsLost() {
        // given: a run whose lock session alone is terminated while it waits for the API
        harness.api().setResponseDelay(PER_REQUEST);
        ChildSync child = startChild();
        awaitStoredTasks(child, 50);
        long lockedRun = harness.count("SELECT max(job_execution_id) FROM ark_batch.batch_job_execution");
        // pg_terminate_backend(pid, timeout) returns once the session is gone: from then on no check can pass
        int terminated = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).mapTo(Integer.class).one());
        assertThat(terminated).isEqualTo(1);
        long storedWhenLost = harness.count("SELECT count(*) FROM ark.tasks");

        // when
        int exitCode = child.awaitExit(Duration.ofSeconds(30));

        // then: it ends instead of writing on unprotected; only a chunk already past its check may still commit
        assertThat(exitCode).as(child.output()).isEqualTo(4);
        assertThat(child.output()).contains("Lost the run lock")
            .containsPattern("Sync run \\d+ FAILED \\(exit 4\\) .* - Lost the run lock");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).as("at most one chunk (10) after the loss")
            .isBetween(storedWhenLost, storedWhenLost + 10).isLessThan(TASKS);
        assertThat(runs(harness)).singleElement().satisfies(run -> assertThat(run)
            .containsEntry("run_id", lockedRun).containsEntry("status", "FAILED").containsEntry("exit_code", 4));

        // and the next run resumes it and ends exact
        harness.api().setResponseDelay(Duration.ZERO);
        harness.api().resetRequests();
        assertThat(harness.sync(SMALL_STEPS.toArray(String[]::new))).isZero();
        assertExact(harness, tasks);
        long resumedRun = harness.count("SELECT max(job_execution_id) FROM ark_batch.batch_job_execution");
        assertThat(jobInstance(resumedRun)).isEqualTo(jobInstance(lockedRun));
        assertThat(harness.api().requestQueries().get(0)).doesNotStartWith("page_num=1&");
    }

    @Test
    void shouldLetExactlyOneOfTwoSimultaneousRunsProceed() {
        // given: two runs started together on one (empty) database, each long enough to overlap the other's start
        harness.api().setResponseDelay(PER_REQUEST.multipliedBy(2));
        ChildSync first = startChild();
        ChildSync second = startChild();

        // when
        int firstExit = first.awaitExit(Duration.ofSeconds(60));
        int secondExit = second.awaitExit(Duration.ofSeconds(60));

        // then
        assertThat(List.of(firstExit, secondExit)).containsExactlyInAnyOrder(0, 5);
        ChildSync loser = firstExit == 5 ? first : second;
        ChildSync winner = firstExit == 5 ? second : first;
        assertThat(loser.output()).contains("Another ark-task-sync run holds the lock");
        assertThat(loser.output()).doesNotContain("Sync run");
        assertThat(loser.exitedAfter()).as("the loser leaves while the winner still works")
            .isLessThan(winner.exitedAfter().minusSeconds(2));
        assertExact(harness, tasks);
        assertThat(runs(harness)).singleElement().satisfies(run -> assertThat(run).containsEntry("status", "COMPLETED"));
        assertThat(harness.count("SELECT count(*) FROM ark_batch.batch_job_execution")).isEqualTo(1);
    }

    private ChildSync startChild(String... more) {
        List<String> arguments = new ArrayList<>(List.of(harness.database().springArguments()));
        arguments.add("--ark.base-url=" + harness.api().baseUrl());
        arguments.add("--ark.api-key=" + SyncHarness.API_KEY);
        arguments.addAll(SMALL_STEPS);
        arguments.addAll(List.of(more));
        ChildSync child = ChildSync.start(arguments, Map.of());
        children.add(child);
        return child;
    }

    private void awaitStoredTasks(ChildSync child, int atLeast) {
        await(atLeast + " stored tasks", Duration.ofSeconds(60), () -> {
            if (!child.process().isAlive()) {
                throw new AssertionError("the child exited early with " + child.process().exitValue() + ":\n"
                        + child.output());
            }
            return tablesExist() && harness.count("SELECT count(*) FROM ark.tasks") >= atLeast;
        });
    }

    private boolean tablesExist() {
        return harness.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'ark' AND tablename = 'tasks'") > 0;
    }

    private String batchStatus(long executionId) {
        return harness.jdbi().withHandle(h -> h
            .createQuery("SELECT status FROM ark_batch.batch_job_execution WHERE job_execution_id = :id")
            .bind("id", executionId).mapTo(String.class).one());
    }

    private long jobInstance(long executionId) {
        return harness.jdbi().withHandle(h -> h
            .createQuery("SELECT job_instance_id FROM ark_batch.batch_job_execution WHERE job_execution_id = :id")
            .bind("id", executionId).mapTo(Long.class).one());
    }

    private int terminateOtherBackends() {
        return harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                """).mapTo(Integer.class).one());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

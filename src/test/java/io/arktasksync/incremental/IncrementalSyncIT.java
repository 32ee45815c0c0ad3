package io.arktasksync.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cron case: after a reconciled full run, a run reads only what can have changed. */
class IncrementalSyncIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private List<SimulatedTask> tasks;

    @BeforeEach
    void setUp() {
        tasks = SettledTasks.generate(50_000, 61L, NOW, 100);
        harness.api().putAll(tasks);
    }

    @Test
    void shouldMakeUnderFivePercentOfTheFullRunsRequestsWhenNothingChanged() {
        // given
        assertThat(harness.sync()).isZero();
        long fullRequests = harness.api().requestCount();
        harness.api().resetRequests();

        // when: the generated data crowds the last hours, so a 10-minute overlap keeps the head to one page per tier
        // at this scale (the benchmark measures the default overlap at 250,000 tasks)
        int exitCode = harness.sync("--ark.incremental-overlap=10m");

        // then
        long incrementalRequests = harness.api().requestCount();
        assertThat(exitCode).isZero();
        assertThat(modes()).containsExactly("full", "incremental");
        System.out.printf("requests: full %d, incremental (nothing changed) %d: %s%n", fullRequests,
                incrementalRequests, harness.api().requestQueries());
        assertThat(incrementalRequests * 20).as("under 5%% of %d", fullRequests).isLessThan(fullRequests);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(50_000);
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isZero();
    }

    @Test
    void shouldStoreEveryNewAndEveryMovedTaskExactly() {
        // given: a full run, then 100 new tasks and the 100 unfinished ones finishing
        assertThat(harness.sync()).isZero();
        List<SimulatedTask> unfinished = tasks.stream()
            .filter(t -> t.status().equals("queued") || t.status().equals("running"))
            .toList();
        assertThat(unfinished).hasSize(100);
        for (SimulatedTask task : unfinished) {
            harness.api().put(task.withStatus("succeeded", task.updatedAt() + 120)
                .withUsage(4_000L, 4_000L, task.updatedAt() + 120));
        }
        SimulatedTask template = tasks.get(0);
        for (int i = 0; i < 100; i++) {
            harness.api().put(new SimulatedTask("cgt-new-" + i, template.model(), "succeeded", i % 2 == 0 ? "default"
                    : "flex", NOW.getEpochSecond() + 10 + i, NOW.getEpochSecond() + 70 + i, 500L, 500L, null, null,
                    null, null, false, "720p", "16:9", 5, 24, 1L, Map.of()));
        }
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(modes()).containsExactly("full", "incremental");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(50_100);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE status IN ('queued', 'running')")).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_usage WHERE total_tokens = 4000")).isEqualTo(100);
        assertThat(harness.count("SELECT count(*) FROM ark.task_usage WHERE task_id LIKE 'cgt-new-%'")).isEqualTo(100);
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(200);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(50_200);
        assertThat(harness.api().requestCount()).isLessThan(10);
    }

    @Test
    void shouldMarkTasksDeletedUpstreamAsGoneAfterAFullRunAndKeepThem() {
        // given
        assertThat(harness.sync()).isZero();
        List<SimulatedTask> deleted = tasks.stream()
            .filter(t -> t.createdAt() < NOW.minusSeconds(86_400).getEpochSecond())
            .limit(5)
            .toList();
        deleted.forEach(t -> harness.api().remove(t.id()));

        // when: an incremental run cannot tell, a full run can
        assertThat(harness.sync()).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isZero();
        assertThat(harness.sync("--full")).isZero();

        // then
        List<String> gone = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT id FROM ark.tasks WHERE gone_at IS NOT NULL ORDER BY id").mapTo(String.class).list());
        assertThat(gone).containsExactlyInAnyOrderElementsOf(deleted.stream().map(SimulatedTask::id).toList());
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(50_000);

        // and a task listed again is no longer gone
        harness.api().put(deleted.get(0));
        assertThat(harness.sync("--ark.full-scan=true")).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isEqualTo(4);
        assertThat(modes()).containsExactly("full", "incremental", "full", "full");
    }

    private List<String> modes() {
        return harness.jdbi().withHandle(h -> h.createQuery("SELECT mode FROM ark.sync_runs ORDER BY run_id")
            .mapTo(String.class).list());
    }
}

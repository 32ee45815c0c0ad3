package io.arktasksync.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 part 2: a large queued flex backlog (offline batch work) must not make the cron run dearer than a full
 * one. The recheck counts two pages of the backlog's listing against the stored queued tasks and asks by id only for
 * the tasks that left it; when the count proves nothing, it reads the listing whole instead of asking for each task
 * by id.
 */
class FlexBacklogIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final int BACKLOG = 20_000;

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private final List<SimulatedTask> backlog = new ArrayList<>();

    @BeforeEach
    void setUp() {
        harness.api().putAll(SettledTasks.generate(30_000, 67L, NOW, 100));
        SimulatedTask template = harness.api().tasks().get(0);
        for (int i = 0; i < BACKLOG; i++) {
            // queued over the last five days, oldest first in line
            long created = NOW.getEpochSecond() - 5 * 86_400 + i * 20L;
            backlog.add(new SimulatedTask("cgt-backlog-%05d".formatted(i), template.model(), "queued", "flex", created,
                    created, null, null, null, null, null, null, false, "720p", "16:9", 5, 24, (long) i, Map.of()));
        }
        harness.api().putAll(backlog);
    }

    @Test
    void shouldRecheckABacklogThatDrainedFromItsOldEndExactlyForAtMost40PercentOfTheFullRunsRequests() {
        // given
        assertThat(harness.sync()).isZero();
        long fullRequests = harness.api().requestCount();
        // the 300 oldest leave the queue: 100 start running, 200 are done
        for (int i = 0; i < 300; i++) {
            SimulatedTask task = backlog.get(i);
            harness.api().put(i < 100 ? task.withStatus("running", NOW.getEpochSecond() - 30)
                    : task.withStatus("succeeded", NOW.getEpochSecond() - 20)
                        .withUsage(2_000L, 2_000L, NOW.getEpochSecond() - 20));
        }
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync("--ark.incremental-overlap=10m");

        // then
        long requests = harness.api().requestCount();
        System.out.printf("requests: full %d, incremental after 300 of %d queued flex tasks moved on %d (%.1f%%)%n",
                fullRequests, BACKLOG, requests, 100.0 * requests / fullRequests);
        assertThat(exitCode).isZero();
        assertThat(modes()).containsExactly("full", "incremental");
        assertStoredAsListed();
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(300);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(30_000 + BACKLOG + 300);
        assertThat(requests * 100).as("at most 40%% of the full run's %d requests", fullRequests)
            .isLessThanOrEqualTo(fullRequests * 40);
    }

    @Test
    void shouldAskOnlyForTheBacklogsPagesWhenNothingMovedOn() {
        // given
        assertThat(harness.sync()).isZero();
        long fullRequests = harness.api().requestCount();
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync("--ark.incremental-overlap=10m");

        // then: two pages of the backlog, the heads of both tiers and the few other unfinished tasks by id
        long requests = harness.api().requestCount();
        System.out.printf("requests: full %d, incremental with %d queued flex tasks, nothing changed %d (%.1f%%)%n",
                fullRequests, BACKLOG, requests, 100.0 * requests / fullRequests);
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isZero();
        assertThat(harness.api().requestQueries().stream().filter(q -> q.contains("filter.task_ids")).count())
            .isLessThanOrEqualTo(2);
        assertThat(requests).isLessThanOrEqualTo(6);
    }

    @Test
    void shouldCountTasksQueuedSinceTheLastRunAndStillAskOnlyForThoseThatLeft() {
        // given: 50 new flex tasks queued since the full run, and the 200 oldest of the backlog started running
        assertThat(harness.sync()).isZero();
        SimulatedTask template = backlog.get(0);
        for (int i = 0; i < 50; i++) {
            long created = NOW.getEpochSecond() + 1 + i;
            harness.api().put(new SimulatedTask("cgt-new-queued-%02d".formatted(i), template.model(), "queued", "flex",
                    created, created, null, null, null, null, null, null, false, "720p", "16:9", 5, 24, (long) i,
                    Map.of()));
        }
        for (int i = 0; i < 200; i++) {
            harness.api().put(backlog.get(i).withStatus("running", NOW.getEpochSecond() - 30));
        }
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync("--ark.incremental-overlap=10m");

        // then: the new ones come from the head, the 200 by id, nothing else of the backlog is read
        assertThat(exitCode).isZero();
        assertStoredAsListed();
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(250);
        assertThat(harness.api().requestCount()).isLessThanOrEqualTo(10);
    }

    @Test
    void shouldReadTheBacklogWholeWhenTasksLeftFromTheMiddleOfTheQueue() {
        // given: 300 tasks spread over the backlog leave it, which no count of two pages can pin down
        assertThat(harness.sync()).isZero();
        long fullRequests = harness.api().requestCount();
        for (int i = 0; i < 300; i++) {
            SimulatedTask task = backlog.get(i * 60 + 30);
            harness.api().put(i % 3 == 0 ? task.withStatus("cancelled", NOW.getEpochSecond() - 30)
                    : task.withStatus("running", NOW.getEpochSecond() - 20));
        }
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync("--ark.incremental-overlap=10m");

        // then: exact, at the cost of the listing (and the two pages counted first)
        long requests = harness.api().requestCount();
        System.out.printf("requests: full %d, incremental after 300 queued flex tasks from the middle moved on %d "
                + "(%.1f%%)%n", fullRequests, requests, 100.0 * requests / fullRequests);
        assertThat(exitCode).isZero();
        assertStoredAsListed();
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(300);
        // the backlog's 40 pages, the 3 requests that counted it first, the heads, 3 by id for the 300
        assertThat(requests).isLessThanOrEqualTo(BACKLOG / 500 + 10);
    }

    @Test
    void shouldReadTheBacklogWholeThroughARelayThatCapsPages() {
        // given: a relay serving at most 100 items a page; the oldest 300 leave the queue
        harness.api().quirks().capPageSize(100);
        assertThat(harness.sync()).isZero();
        for (int i = 0; i < 300; i++) {
            harness.api().put(backlog.get(i).withStatus("running", NOW.getEpochSecond() - 30));
        }

        // when
        int exitCode = harness.sync("--ark.incremental-overlap=10m");

        // then
        assertThat(exitCode).isZero();
        assertStoredAsListed();
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(300);
    }

    /** Every task the API holds is stored with the status and updated_at the API gives now. */
    private void assertStoredAsListed() {
        Map<String, String> stored = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT id, status || '@' || extract(epoch FROM updated_at)::bigint AS v FROM ark.tasks")
            .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("v"))).list()).stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, String> listed = harness.api().tasks().stream()
            .collect(Collectors.toMap(SimulatedTask::id, t -> t.status() + "@" + t.updatedAt()));
        assertThat(stored).hasSize(listed.size());
        assertThat(stored).isEqualTo(listed);
    }

    private List<String> modes() {
        return harness.jdbi().withHandle(h -> h.createQuery("SELECT mode FROM ark.sync_runs ORDER BY run_id")
            .mapTo(String.class).list());
    }
}

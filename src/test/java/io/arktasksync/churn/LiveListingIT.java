package io.arktasksync.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.FailFromRequest;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A listing that changes while it is read, and one too large to page through. */
class LiveListingIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldStoreEveryTaskThatLivedThroughTheRunWhileTheListChurns() {
        // given: 2,000 default-tier tasks; during the scan, tasks near the head are deleted (the rest slide towards
        // the head, over page boundaries already read) and new tasks arrive at the head
        List<SimulatedTask> initial = SimulatedTaskGenerator.generate(2_000, 51L, NOW).stream()
            .filter(t -> t.serviceTier().equals("default"))
            .toList();
        harness.api().putAll(initial);
        List<String> servingOrder = harness.api().tasks().stream().map(SimulatedTask::id).toList();
        Set<String> deleted = new HashSet<>();
        List<SimulatedTask> arrived = new ArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        SimulatedTask template = initial.get(0);
        harness.api().beforeEachRequest(() -> {
            int n = requests.incrementAndGet();
            if (n >= 2 && n <= 14) {
                for (int i = 0; i < 9; i++) {
                    String victim = servingOrder.get(20 + (n * 9 + i) % 150);
                    if (deleted.add(victim)) {
                        harness.api().remove(victim);
                    }
                }
                SimulatedTask fresh = new SimulatedTask("cgt-new-" + n, template.model(), "queued", "default",
                        NOW.getEpochSecond() + n, NOW.getEpochSecond() + n, null, null, null, null, null, null, false,
                        "720p", "16:9", 5, 24, 1L, Map.of());
                arrived.add(fresh);
                harness.api().put(fresh);
            }
        });

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.chunk-size=100", "--ark.filter.service-tier=default");

        // then: every task that existed for the whole run is stored, once, with one history row
        assertThat(exitCode).isZero();
        Set<String> stored = storedIds();
        Set<String> survivors = new HashSet<>(servingOrder);
        survivors.removeAll(deleted);
        assertThat(deleted).hasSizeGreaterThan(50);
        assertThat(stored).containsAll(survivors);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history"))
            .isEqualTo(harness.count("SELECT count(*) FROM ark.tasks"));
        Map<String, Object> ledger = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT * FROM ark.sync_ledger").mapToMap().one());
        assertThat((Integer) ledger.get("total_drops")).isPositive();
        assertThat((Long) ledger.get("repaired_items")).as("tasks only the re-reads found").isPositive();
        assertThat(ledger).containsEntry("reconciled", true).containsEntry("out_of_reach", 0L);
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE reconciled")).isEqualTo(1);

        // and a second run after the churn stopped is exact
        harness.api().beforeEachRequest(() -> {
        });
        assertThat(harness.sync("--ark.page-size=100", "--ark.filter.service-tier=default")).isZero();
        Set<String> listedNow = new HashSet<>();
        harness.api().tasks().forEach(t -> listedNow.add(t.id()));
        Set<String> storedAfter = storedIds();
        assertThat(storedAfter).containsAll(listedNow);
    }

    @Test
    void shouldStoreEveryTaskThatStayedInAStatusFilterWhileOthersMovedOutOfIt() {
        // given: 1,000 running default-tier tasks read with filter.status=running; during the scan, tasks near the
        // head finish (they leave the filtered listing from the middle and the rest slide over read boundaries)
        List<SimulatedTask> running = SimulatedTaskGenerator.generate(2_000, 57L, NOW).stream()
            .filter(t -> t.serviceTier().equals("default"))
            .limit(1_000)
            .map(t -> t.withStatus("running", t.createdAt()))
            .toList();
        harness.api().putAll(running);
        List<SimulatedTask> servingOrder = harness.api().tasks();
        Set<String> finished = ConcurrentHashMap.newKeySet(); // the hook runs on the simulator's request threads
        AtomicInteger requests = new AtomicInteger();
        harness.api().beforeEachRequest(() -> {
            int n = requests.incrementAndGet();
            if (n >= 2 && n <= 8) {
                for (int i = 0; i < 12; i++) {
                    SimulatedTask task = servingOrder.get(5 + (n * 12 + i) % 180);
                    if (finished.add(task.id())) {
                        harness.api().put(task.withStatus("succeeded", NOW.getEpochSecond()));
                    }
                }
            }
        });

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.chunk-size=100", "--ark.filter.service-tier=default",
                "--ark.filter.status=running");

        // then: every task that was running for the whole run is stored, the drops were repaired, the ledger agrees
        assertThat(exitCode).isZero();
        Set<String> stored = storedIds();
        Set<String> stayedRunning = new HashSet<>();
        servingOrder.forEach(t -> stayedRunning.add(t.id()));
        stayedRunning.removeAll(finished);
        assertThat(finished).hasSizeGreaterThan(50);
        assertThat(stored).containsAll(stayedRunning);
        Map<String, Object> ledger = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT * FROM ark.sync_ledger").mapToMap().one());
        assertThat((Long) ledger.get("repaired_items")).as("tasks only the re-reads found").isPositive();
        assertThat(ledger).containsEntry("reconciled", true);
    }

    @Test
    void shouldReachEveryTaskPastTheCapThroughNarrowerListings() {
        // given: a cap of 4 pages x 100 and 1,500 tasks
        harness.api().setMaxPageNum(4);
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(1_500, 53L, NOW);
        harness.api().putAll(tasks);

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.max-page-num=4");

        // then: every task the narrower listings can return is stored; the rest is counted, not lost silently
        assertThat(exitCode).isZero();
        Set<String> stored = storedIds();
        assertThat(stored).containsAll(idsOfFilterableStatuses(tasks));
        long missing = tasks.size() - stored.size();
        assertThat(harness.count("SELECT coalesce(sum(out_of_reach), 0) FROM ark.sync_ledger")).isEqualTo(missing);
        assertThat(harness.api().requestQueries()).anyMatch(q -> q.contains("filter.status=succeeded"))
            .anyMatch(q -> q.contains("filter.model="))
            .noneMatch(q -> q.contains("page_num=5"));
        assertThat(harness.count("SELECT count(*) FROM ark.sync_ledger")).isGreaterThan(2);
    }

    @Test
    void shouldCountWhatIsOutOfReachWhenResumingARunThatFailedAfterSplittingTheListing() {
        // given: a cap of 4 pages x 100, 1,500 tasks, one chunk per page, and a first run that split the default
        // tier by status and failed in the middle of its narrower listings (at page 2 of status succeeded)
        harness.api().setMaxPageNum(4);
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(1_500, 53L, NOW);
        harness.api().putAll(tasks);
        harness.api().beforeEachRequest(new FailFromRequest(12, harness.api()));
        assertThat(harness.sync("--ark.page-size=100", "--ark.chunk-size=100", "--ark.max-page-num=4",
                "--ark.prefetch-pages=0", "--ark.max-attempts=1")).isEqualTo(1);
        harness.api().beforeEachRequest(null);
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.chunk-size=100", "--ark.max-page-num=4");

        // then: it resumed in the narrower listing, stored every reachable task, and its ledger counts the tasks
        // out of reach of the listing the failed run split (tasks of statuses no filter can isolate)
        assertThat(exitCode).isZero();
        assertThat(harness.api().requestQueries().get(0)).contains("filter.status=");
        assertThat(harness.api().requestQueries()).doesNotContain("page_num=1&page_size=100&filter.service_tier=default");
        Set<String> stored = storedIds();
        assertThat(stored).containsAll(idsOfFilterableStatuses(tasks));
        long missing = tasks.size() - stored.size();
        assertThat(missing).as("expired tasks past the cap").isPositive();
        assertThat(harness.count("""
                SELECT coalesce(sum(out_of_reach), 0) FROM ark.sync_ledger
                WHERE run_id = (SELECT max(run_id) FROM ark.sync_runs)""")).isEqualTo(missing);
    }

    private Set<String> storedIds() {
        return new HashSet<>(harness.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ark.tasks")
            .mapTo(String.class).list()));
    }

    /** Tasks a narrower listing can return: those of a status the API filters on ({@code expired} is not one). */
    private static List<String> idsOfFilterableStatuses(List<SimulatedTask> tasks) {
        List<String> filterable = List.of("queued", "running", "cancelled", "succeeded", "failed");
        return tasks.stream().filter(t -> filterable.contains(t.status())).map(SimulatedTask::id).toList();
    }
}

package io.arktasksync.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A listing that churns hard with every request (the simulator's {@code ListingChurn}): 1 task added at the head, 3
 * moved along their lifecycle and 3 deleted at random positions per list request, as during a mass cancel.
 */
class HeavyChurnIT {

    private static final long BASE_CREATED_AT = 1_764_000_000L;

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldStoreEveryTaskThatLivedThroughTheRunOnceWithOneHistoryRowAndReconcile() {
        // given 3,000 finished tasks and the churn switched on
        List<SimulatedTask> tasks = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            long createdAt = BASE_CREATED_AT + i;
            tasks.add(new SimulatedTask(String.format("cgt-%05d", i), "doubao-seedance-1-0-pro-250528",
                    i % 10 == 0 ? "failed" : "succeeded", "default", createdAt, createdAt + 60, 100L, 100L, null, null,
                    null, null, false, "720p", "16:9", 5, 24, 1L, Map.of()));
        }
        harness.api().putAll(tasks);
        harness.api().churn().start(1, 3, 3, 12L, BASE_CREATED_AT + 3_000);

        // when
        int exitCode = harness.sync("--ark.filter.service-tier=default", "--ark.fail-when-unreconciled=true");

        // then every task that lived through the run is stored, once, with one history row
        Set<String> survivors = new HashSet<>(tasks.stream().map(SimulatedTask::id).toList());
        survivors.removeAll(harness.api().churn().deletedIds());
        assertThat(harness.api().churn().deletedIds()).hasSizeGreaterThan(10);
        assertThat(exitCode).isZero();
        Set<String> stored = new HashSet<>(harness.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ark.tasks")
            .mapTo(String.class).list()));
        assertThat(stored).containsAll(survivors);
        assertThat(harness.count("""
                SELECT count(*) FROM ark.task_history h JOIN ark.tasks t ON t.id = h.task_id
                WHERE t.id NOT LIKE 'cgt-churn-%'
                """)).isEqualTo(harness.count("SELECT count(*) FROM ark.tasks WHERE id NOT LIKE 'cgt-churn-%'"));
        Map<String, Object> ledger = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT * FROM ark.sync_ledger").mapToMap().one());
        assertThat((Integer) ledger.get("total_drops")).isPositive();
        assertThat(ledger).containsEntry("reconciled", true).containsEntry("out_of_reach", 0L);
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE reconciled")).isEqualTo(1);
    }
}

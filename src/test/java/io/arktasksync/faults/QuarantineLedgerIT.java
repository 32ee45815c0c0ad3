package io.arktasksync.faults;

import static io.arktasksync.faults.SyncAssertions.lastRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A quarantined item is a task that was listed and is not stored, even when its id was read: its listing is never
 * called reconciled, the ledger counts it and names {@code ark.task_rejects}, the next run is a full one, and
 * {@code ARK_FAIL_WHEN_UNRECONCILED} turns it into exit 8 as for any incomplete run.
 */
class QuarantineLedgerIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final String LISTING = "tier=default";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldNotCallAListingReconciledWhenAnItemWithAReadableIdWasQuarantined() {
        // given: some 24 tasks, and one item whose id reads but whose created_at is no timestamp (mapping refuses it)
        List<SimulatedTask> tasks = serveTasksAndOneUnmappableItem();

        // when
        int exitCode = harness.sync("--ark.filter.service-tier=default", "--ark.max-reject-ratio=1");

        // then: everything else stored, exit 0, but the run does not claim it holds every listed task
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(tasks.size());
        assertThat(harness.count("SELECT count(*) FROM ark.task_rejects WHERE task_id = 'cgt-bad-created-at'"))
            .isOne();
        assertThat(lastRun(harness)).containsEntry("reconciled", false).containsEntry("rejected", 1L);
        Map<String, Object> ledger = ledger();
        assertThat(ledger).containsEntry("reconciled", false).containsEntry("quarantined", 1L);
        assertThat((String) ledger.get("note"))
            .isEqualTo("1 item(s) listed but not stored: quarantined in ark.task_rejects");

        // and the next run reads the whole listing again, rather than trusting an incremental read
        assertThat(harness.sync("--ark.filter.service-tier=default", "--ark.max-reject-ratio=1")).isZero();
        assertThat(lastRun(harness)).containsEntry("mode", "full");
    }

    @Test
    void shouldExitEightWhenAskedToFailIncompleteRuns() {
        // given
        serveTasksAndOneUnmappableItem();

        // when
        int exitCode = harness.sync("--ark.filter.service-tier=default", "--ark.max-reject-ratio=1",
                "--ark.fail-when-unreconciled=true");

        // then
        assertThat(exitCode).isEqualTo(8);
        assertThat((String) lastRun(harness).get("message")).contains("see ark.sync_ledger")
            .contains("1 listed item(s) quarantined in ark.task_rejects, not stored");
    }

    @Test
    void shouldLetTheRejectRatioWinOverTheLedgerWhenBothAreExceeded() {
        // given: 1 reject in some 25 items, above the default ratio of 1%
        serveTasksAndOneUnmappableItem();

        // when
        int exitCode = harness.sync("--ark.filter.service-tier=default", "--ark.fail-when-unreconciled=true");

        // then: exit 6 (the more specific verdict), and the run still recorded as not reconciled
        assertThat(exitCode).isEqualTo(6);
        assertThat(lastRun(harness)).containsEntry("reconciled", false);
    }

    private List<SimulatedTask> serveTasksAndOneUnmappableItem() {
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(30, 11L, NOW).stream()
            .filter(task -> "default".equals(task.serviceTier()))
            .toList();
        harness.api().putAll(tasks);
        SimulatedTask neighbour = tasks.get(tasks.size() / 2);
        harness.api().putRaw("bad", "{\"id\":\"cgt-bad-created-at\",\"model\":\"seedance-1-0-pro\","
                + "\"status\":\"succeeded\",\"created_at\":\"yesterday\",\"updated_at\":" + neighbour.updatedAt() + "}",
                neighbour.createdAt(), "default");
        return tasks;
    }

    private Map<String, Object> ledger() {
        return harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT reconciled, quarantined, note FROM ark.sync_ledger
                WHERE slice = :slice ORDER BY run_id DESC LIMIT 1""").bind("slice", LISTING).mapToMap().one());
    }
}

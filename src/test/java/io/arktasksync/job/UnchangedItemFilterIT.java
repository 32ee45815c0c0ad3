package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 part 3: a full re-run recognises the items it stored unchanged before mapping them (the step filters
 * them out), and still writes what changed, with its history row.
 */
class UnchangedItemFilterIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldFilterOutTheUnchangedItemsOfAFullReRunAndWriteTheChangedOne() {
        // given: 3,000 stored tasks, one of which then fails upstream
        harness.api().putAll(SettledTasks.generate(3_000, 5L, NOW, 0));
        assertThat(harness.sync()).isZero();
        SimulatedTask changed = harness.api().tasks().get(1_500);
        harness.api().put(changed.withStatus("failed", changed.updatedAt() + 60));

        // when
        int exitCode = harness.sync("--full");

        // then: from the second chunk on, what is stored unchanged was filtered before mapping
        assertThat(exitCode).isZero();
        long filtered = harness.count("""
                SELECT filter_count FROM ark_batch.batch_step_execution
                WHERE step_name = 'syncTasks' ORDER BY step_execution_id DESC LIMIT 1""");
        assertThat(filtered).isBetween(2_000L, 2_999L);
        assertThat(harness.count("SELECT updated FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(1);
        assertThat(harness.count("SELECT unchanged FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(2_999);
        assertThat(harness.count("SELECT history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE id = '" + changed.id()
                + "' AND status = 'failed'")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(3_001);
    }

    @Test
    void shouldCompareTasksHashedByAnEarlierReleaseInTheDatabaseUntilTheirNextWriteStoresTheNewHash() {
        // given: 1,000 tasks stored by a release whose content hash was made otherwise
        harness.api().putAll(SettledTasks.generate(1_000, 6L, NOW, 0));
        assertThat(harness.sync()).isZero();
        harness.jdbi().useHandle(handle -> handle.execute("UPDATE ark.tasks SET content_hash = gen_random_uuid()"));

        // when: a full run
        assertThat(harness.sync("--full")).isZero();

        // then: nothing is filtered nor written, no history
        assertThat(lastFilterCount()).isZero();
        assertThat(harness.count("SELECT unchanged FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(1_000);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(1_000);

        // when: their last_seen_at is due for its refresh, which writes the row with the new hash
        harness.jdbi().useHandle(handle -> handle.execute(
                "UPDATE ark.tasks SET last_seen_at = last_seen_at - interval '30 days'"));
        assertThat(harness.sync("--full")).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE last_seen_at < now() - interval '1 day'"))
            .isZero();

        // then: the next full run recognises them before mapping, from its second chunk on
        assertThat(harness.sync("--full")).isZero();
        assertThat(lastFilterCount()).isBetween(500L, 999L);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(1_000);
    }

    @Test
    void shouldWriteNothingForAnItemSentInAnotherEncodingOfTheSameContent() {
        // given: 300 stored tasks and, among them by age, one item as a relay might send it
        harness.api().putAll(SettledTasks.generate(300, 7L, NOW, 0));
        long created = NOW.getEpochSecond() - 3 * 24 * 3600;
        harness.api().putRaw("cgt-relayed", """
                {"id":"cgt-relayed","model":"m","status":"succeeded","created_at":%d,"updated_at":%d,\
                "usage":{"total_tokens":100}}""".formatted(created, created), created, "default");
        assertThat(harness.sync()).isZero();

        // when: the relay sends the same item with its fields in another order and other spacing; one item a chunk
        harness.api().putRaw("cgt-relayed", """
                { "usage" : { "total_tokens" : 100 }, "updated_at" : %d, "created_at" : %d, "status" : "succeeded",\
                 "model" : "m", "id" : "cgt-relayed" }""".formatted(created, created), created, "default");
        assertThat(harness.sync("--full", "--ark.chunk-size=1")).isZero();

        // then: all but the first chunk's item and the re-encoded one recognised before mapping; the merge finds the
        // re-encoded one unchanged: no write, no history row
        assertThat(lastFilterCount()).isEqualTo(301 - 2);
        assertThat(harness.count("SELECT updated FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isZero();
        assertThat(harness.count("SELECT unchanged FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")).isEqualTo(301);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history WHERE task_id = 'cgt-relayed'")).isOne();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(301);
    }

    private long lastFilterCount() {
        return harness.count("""
                SELECT filter_count FROM ark_batch.batch_step_execution
                WHERE step_name = 'syncTasks' ORDER BY step_execution_id DESC LIMIT 1""");
    }
}

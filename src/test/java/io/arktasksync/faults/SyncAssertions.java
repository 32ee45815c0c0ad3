package io.arktasksync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SyncHarness;

/** Checks shared by the fault tests: "exact" means every task once, its tokens to the last one, one history row. */
final class SyncAssertions {

    private SyncAssertions() {
    }

    /** The database holds exactly these tasks, each once, with exact usage and exactly one history row each. */
    static void assertExact(SyncHarness harness, List<SimulatedTask> tasks) {
        Set<String> expectedIds = tasks.stream().map(SimulatedTask::id).collect(Collectors.toSet());
        List<String> storedIds = harness.jdbi()
            .withHandle(h -> h.createQuery("SELECT id FROM ark.tasks").mapTo(String.class).list());
        assertThat(storedIds).as("every task present once, nothing else").hasSize(expectedIds.size())
            .containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).as("history rows").isEqualTo(tasks.size());
        assertThat(harness.count("SELECT count(DISTINCT task_id) FROM ark.task_history"))
            .as("one history row per task").isEqualTo(tasks.size());
        long expectedTotal = tasks.stream().map(SimulatedTask::totalTokens).filter(Objects::nonNull)
            .mapToLong(Long::longValue).sum();
        long expectedCompletion = tasks.stream().map(SimulatedTask::completionTokens).filter(Objects::nonNull)
            .mapToLong(Long::longValue).sum();
        assertThat(harness.count("SELECT coalesce(sum(total_tokens), 0) FROM ark.task_usage")).as("total tokens")
            .isEqualTo(expectedTotal);
        assertThat(harness.count("SELECT coalesce(sum(completion_tokens), 0) FROM ark.task_usage"))
            .as("completion tokens").isEqualTo(expectedCompletion);
        assertThat(harness.count("SELECT count(*) FROM ark.task_usage"))
            .isEqualTo(tasks.stream().filter(t -> t.totalTokens() != null).count());
        assertThat(harness.count("""
                SELECT count(*) FROM ark.tasks t JOIN ark.task_history h ON h.task_id = t.id
                WHERE h.status IS DISTINCT FROM t.status OR h.task_updated_at IS DISTINCT FROM t.updated_at
                """)).as("history matches the stored version").isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_rejects")).as("rejects").isZero();
    }

    static Map<String, Object> lastRun(SyncHarness harness) {
        return harness.jdbi().withHandle(h -> h
            .createQuery("SELECT * FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1").mapToMap().one());
    }

    static List<Map<String, Object>> runs(SyncHarness harness) {
        return harness.jdbi().withHandle(h -> h
            .createQuery("SELECT * FROM ark.sync_runs ORDER BY run_id").mapToMap().list());
    }

    /** A failed run that stored nothing and says why: never a silent empty sync. */
    static String assertFailedLoudlyWithNothingStored(SyncHarness harness, int exitCode) {
        assertThat(exitCode).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isZero();
        Map<String, Object> run = lastRun(harness);
        assertThat(run).containsEntry("status", "FAILED").containsEntry("exit_code", 1);
        assertThat(run.get("finished_at")).isNotNull();
        String message = (String) run.get("message");
        assertThat(message).isNotBlank();
        return message;
    }

    /** Polls until the condition holds; fails after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(25);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.FailFromRequest;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole sync, end to end: simulated API -> the application's entry point -> a fresh PostgreSQL database. */
class TaskSyncIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldStoreEveryTaskOfBothTiersExactToTheLastToken() {
        // given
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(1_234, 7L, NOW);
        harness.api().putAll(tasks);

        // when
        int exitCode = harness.sync("--ark.page-size=100");

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(1_234);
        long expectedTokens = tasks.stream().map(SimulatedTask::totalTokens).filter(Objects::nonNull)
            .mapToLong(Long::longValue).sum();
        long expectedCompletion = tasks.stream().map(SimulatedTask::completionTokens).filter(Objects::nonNull)
            .mapToLong(Long::longValue).sum();
        assertThat(harness.count("SELECT coalesce(sum(total_tokens), 0) FROM ark.task_usage")).isEqualTo(expectedTokens);
        assertThat(harness.count("SELECT coalesce(sum(completion_tokens), 0) FROM ark.task_usage"))
            .isEqualTo(expectedCompletion);
        assertThat(harness.count("SELECT count(*) FROM ark.task_usage"))
            .isEqualTo(tasks.stream().filter(t -> t.totalTokens() != null).count());
        Map<String, Long> expectedByTier = tasks.stream()
            .collect(Collectors.groupingBy(SimulatedTask::serviceTier, Collectors.counting()));
        assertThat(expectedByTier).containsKeys("default", "flex");
        for (Map.Entry<String, Long> tier : expectedByTier.entrySet()) {
            assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE service_tier = '" + tier.getKey() + "'"))
                .isEqualTo(tier.getValue());
        }
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(1_234);
        assertThat(harness.count("SELECT count(*) FROM ark.task_rejects")).isZero();
        assertThat(harness.api().requestQueries()).anyMatch(q -> q.contains("filter.service_tier=flex"))
            .anyMatch(q -> q.contains("filter.service_tier=default"))
            .allMatch(q -> q.contains("page_num=") && q.contains("page_size=100"));
    }

    @Test
    void shouldMapEveryColumnAndKeepTheItemVerbatimInRaw() {
        // given
        SimulatedTask task = SimulatedTaskGenerator.generate(50, 3L, NOW).stream()
            .filter(t -> "succeeded".equals(t.status()))
            .findFirst()
            .orElseThrow();
        SimulatedTask withUnknownField = new SimulatedTask(task.id(), task.model(), task.status(), task.serviceTier(),
                task.createdAt(), task.updatedAt(), task.completionTokens(), task.totalTokens(), task.videoUrl(),
                task.lastFrameUrl(), null, null, false, task.resolution(), task.ratio(), 5, 24, 42L,
                Map.of("x_brand_new_field", Map.of("nested", List.of(1, 2))));
        harness.api().put(withUnknownField);

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        Map<String, Object> row = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT t.id, t.model, t.status, t.service_tier, t.video_url, t.last_frame_url, t.resolution, t.ratio,
                       t.duration, t.fps, t.seed, extract(epoch FROM t.created_at)::bigint AS created,
                       extract(epoch FROM t.updated_at)::bigint AS updated, u.completion_tokens, u.total_tokens,
                       t.raw -> 'x_brand_new_field' -> 'nested' ->> 1 AS unknown_field, t.account
                FROM ark.tasks t JOIN ark.task_usage u ON u.task_id = t.id
                """).mapToMap().one());
        assertThat(row).containsEntry("id", task.id())
            .containsEntry("model", task.model())
            .containsEntry("status", "succeeded")
            .containsEntry("service_tier", task.serviceTier())
            .containsEntry("video_url", task.videoUrl())
            .containsEntry("last_frame_url", task.lastFrameUrl())
            .containsEntry("resolution", task.resolution())
            .containsEntry("ratio", task.ratio())
            .containsEntry("duration", 5)
            .containsEntry("fps", 24)
            .containsEntry("seed", 42L)
            .containsEntry("created", task.createdAt())
            .containsEntry("updated", task.updatedAt())
            .containsEntry("completion_tokens", task.completionTokens())
            .containsEntry("total_tokens", task.totalTokens())
            .containsEntry("unknown_field", "2")
            .containsEntry("account", "default");
    }

    @Test
    void shouldWriteNothingWhenARerunSeesNoChange() {
        // given
        harness.api().putAll(SimulatedTaskGenerator.generate(600, 11L, NOW));
        assertThat(harness.sync("--ark.page-size=250")).isZero();
        long history = harness.count("SELECT count(*) FROM ark.task_history");
        String versionsBefore = rowVersions();

        // when: a full re-read, every page again
        int exitCode = harness.sync("--ark.page-size=250", "--ark.full-scan=true");

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(history);
        assertThat(rowVersions()).as("no new row versions (xmin) in ark.tasks").isEqualTo(versionsBefore);
        Map<String, Object> run = lastRun();
        assertThat(run).containsEntry("inserted", 0L).containsEntry("updated", 0L).containsEntry("unchanged", 600L)
            .containsEntry("history_rows", 0L).containsEntry("status", "COMPLETED").containsEntry("exit_code", 0);
    }

    @Test
    void shouldAppendExactlyOneHistoryRowPerChangedTask() {
        // given
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(400, 5L, NOW);
        harness.api().putAll(tasks);
        assertThat(harness.sync()).isZero();
        long historyBefore = harness.count("SELECT count(*) FROM ark.task_history");
        List<SimulatedTask> changed = tasks.stream().limit(10).toList();
        for (SimulatedTask task : changed) {
            harness.api().put(task.withStatus("weird_new_status", task.updatedAt() + 60)
                .withUsage(1_000L, 1_500L, task.updatedAt() + 60));
        }

        // when: a full run, which sees every task whatever its status was
        int exitCode = harness.sync("--ark.full-scan=true");

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(historyBefore + 10);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE status = 'weird_new_status'")).isEqualTo(10);
        assertThat(harness.count("""
                SELECT count(*) FROM ark.task_history h
                WHERE h.status = 'weird_new_status' AND h.total_tokens = 1500 AND h.completion_tokens = 1000
                """)).isEqualTo(10);
        assertThat(lastRun()).containsEntry("updated", 10L).containsEntry("history_rows", 10L)
            .containsEntry("inserted", 0L);
    }

    @Test
    void shouldKeepOneRowWhenTheSameTaskArrivesTwiceInOnePage() {
        // given
        SimulatedTask task = SimulatedTaskGenerator.generate(1, 9L, NOW).get(0);
        harness.api().put(task);
        String json = task.toJson(tools.jackson.databind.json.JsonMapper.builder().build()).toString();
        harness.api().putRaw("copy-of-" + task.id(), json, task.createdAt(), task.serviceTier());

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(1);
        assertThat(lastRun()).containsEntry("duplicates", 1L).containsEntry("inserted", 1L);
    }

    @Test
    void shouldQuarantineItemsThatCannotBeMappedAndStoreTheRest() {
        // given
        harness.api().putAll(SimulatedTaskGenerator.generate(1_000, 13L, NOW));
        long when = NOW.getEpochSecond() - 100;
        harness.api().putRaw("r1", "42", when, "default");
        harness.api().putRaw("r2", "{\"model\":\"no-id\",\"status\":\"succeeded\"}", when, "default");
        harness.api().putRaw("r3", "{\"id\":\"cgt-bad-type\",\"created_at\":\"yesterday\"}", when, "default");
        harness.api().putRaw("r4", "{\"id\":\"cgt-nul\",\"model\":\"a\\u0000b\"}", when, "flex");

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(1_000);
        List<Map<String, Object>> rejects = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT task_id, reason, raw_text, run_id FROM ark.task_rejects ORDER BY reason").mapToMap().list());
        assertThat(rejects).hasSize(4).allSatisfy(r -> assertThat(r.get("run_id")).isNotNull());
        assertThat(rejects).extracting(r -> (String) r.get("reason"))
            .anyMatch(reason -> reason.contains("not a JSON object"))
            .anyMatch(reason -> reason.contains("no id"))
            .anyMatch(reason -> reason.contains("created_at"))
            .anyMatch(reason -> reason.contains("NUL"));
        assertThat(rejects).extracting(r -> (String) r.get("raw_text")).contains("42")
            .anyMatch(raw -> raw.contains("a\\u0000b"));
        assertThat(lastRun()).containsEntry("rejected", 4L);
    }

    @Test
    void shouldQuarantineAnItemTheDatabaseRefusesAndStoreItsNeighbours() {
        // given: a model id too long for its btree index (incompressible, so PostgreSQL refuses the row)
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(300, 41L, NOW);
        harness.api().putAll(tasks);
        java.util.Random random = new java.util.Random(1);
        StringBuilder model = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            model.append((char) ('a' + random.nextInt(26)));
        }
        SimulatedTask odd = tasks.get(150);
        harness.api().put(new SimulatedTask("cgt-odd-model", model.toString(), odd.status(), odd.serviceTier(),
                odd.createdAt(), odd.updatedAt(), odd.completionTokens(), odd.totalTokens(), odd.videoUrl(),
                odd.lastFrameUrl(), null, null, false, odd.resolution(), odd.ratio(), odd.duration(),
                odd.framesPerSecond(), odd.seed(), Map.of()));

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(300);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(300);
        Map<String, Object> reject = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT task_id, reason, length(raw_text) AS raw_length FROM ark.task_rejects").mapToMap().one());
        assertThat(reject.get("task_id")).isEqualTo("cgt-odd-model");
        assertThat(reject.get("reason").toString()).startsWith("PostgreSQL refused the item: 54000");
        assertThat((Integer) reject.get("raw_length")).isGreaterThan(12_000);
    }

    @Test
    void shouldFailTheRunButKeepWhatItStoredWhenTooManyItemsAreRejected() {
        // given
        harness.api().putAll(SimulatedTaskGenerator.generate(100, 17L, NOW));
        for (int i = 0; i < 5; i++) {
            harness.api().putRaw("bad" + i, "{\"id\":[" + i + "]}", NOW.getEpochSecond(), "default");
        }

        // when
        int exitCode = harness.sync("--ark.max-reject-ratio=0.01");

        // then
        assertThat(exitCode).isEqualTo(6);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(100);
        assertThat(harness.count("SELECT count(*) FROM ark.task_rejects")).isEqualTo(5);
        assertThat(lastRun().get("message").toString()).contains("rejected").contains("ark.task_rejects");

        // and the next run starts afresh instead of replaying the verdict
        harness.api().resetRequests();
        assertThat(harness.sync("--ark.max-reject-ratio=0.5")).isZero();
        assertThat(harness.api().requestQueries()).anyMatch(q -> q.contains("page_num=1&"));
    }

    @Test
    void shouldReadOnlyTheConfiguredTier() {
        // given
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(500, 19L, NOW);
        harness.api().putAll(tasks);

        // when
        int exitCode = harness.sync("--ark.filter.service-tier=flex");

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks"))
            .isEqualTo(tasks.stream().filter(t -> t.serviceTier().equals("flex")).count());
        assertThat(harness.api().requestQueries()).allMatch(q -> q.contains("filter.service_tier=flex"));
    }

    @Test
    void shouldSendTheConfiguredFilters() {
        // given
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(300, 23L, NOW);
        harness.api().putAll(tasks);
        List<String> ids = tasks.stream().limit(3).map(SimulatedTask::id).toList();

        // when
        int exitCode = harness.sync("--ark.filter.task-ids=" + String.join(",", ids), "--ark.filter.status="
                + tasks.get(0).status());

        // then
        assertThat(exitCode).isZero();
        long expected = tasks.stream().limit(3).filter(t -> t.status().equals(tasks.get(0).status())).count();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(expected);
        assertThat(harness.api().requestQueries()).allMatch(q -> q.contains("filter.task_ids=" + ids.get(0))
                && q.contains("filter.task_ids=" + ids.get(2)) && q.contains("filter.status="));
    }

    @Test
    void shouldExitWithTheAuthenticationCodeAndStoreNothingOnAWrongKey() {
        // given
        harness.api().putAll(SimulatedTaskGenerator.generate(10, 29L, NOW));

        // when
        int exitCode = harness.sync("--ark.api-key=wrong-key-123");

        // then
        assertThat(exitCode).isEqualTo(3);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isZero();
        Map<String, Object> run = lastRun();
        assertThat(run.get("message").toString()).contains("Authentication").contains("AuthenticationError")
            .doesNotContain("wrong-key-123");
        assertThat(run).containsEntry("exit_code", 3).containsEntry("status", "FAILED");
    }

    @Test
    void shouldResumeAFailedRunAtThePageItStoppedOn() {
        // given: pages of 100, one chunk per page; the API breaks for good from the third request (page 3) on
        harness.api().putAll(SimulatedTaskGenerator.generate(500, 31L, NOW));
        harness.api().beforeEachRequest(new FailFromRequest(3, harness.api()));
        int firstExit = harness.sync("--ark.page-size=100", "--ark.chunk-size=100",
                "--ark.filter.service-tier=default", "--ark.max-attempts=1", "--ark.prefetch-pages=0");
        assertThat(firstExit).isEqualTo(1);
        long storedByFirstRun = harness.count("SELECT count(*) FROM ark.tasks");
        assertThat(storedByFirstRun).isEqualTo(200);
        harness.api().beforeEachRequest(() -> {
        });
        harness.api().resetRequests();

        // when
        int secondExit = harness.sync("--ark.page-size=100", "--ark.chunk-size=100",
                "--ark.filter.service-tier=default");

        // then
        assertThat(secondExit).isZero();
        assertThat(harness.api().requestQueries().get(0)).startsWith("page_num=2&");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks"))
            .isEqualTo(harness.api().tasks().stream().filter(t -> t.serviceTier().equals("default")).count());
        assertThat(harness.count("SELECT count(DISTINCT run_id) FROM ark.sync_runs")).isEqualTo(2);
    }

    @Test
    void shouldRunAgainWhenAProcessDiedBetweenStoringARunsInstanceAndItsExecution() {
        // given: a completed run, then what a process killed inside jobOperator.start leaves: an instance without an
        // execution (Spring Batch stores the two in separate transactions)
        harness.api().putAll(SimulatedTaskGenerator.generate(300, 45L, NOW));
        assertThat(harness.sync("--ark.page-size=100")).isZero();
        harness.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO ark_batch.batch_job_instance (job_instance_id, version, job_name, job_key)
                VALUES (nextval('ark_batch.batch_job_instance_seq'), 0, 'arkTaskSync', md5('killed before its execution'))
                """));

        // when
        int exitCode = harness.sync("--ark.page-size=100");

        // then: the empty instance is removed and the run goes on from the completed one
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark_batch.batch_job_instance")).isEqualTo(2);
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE exit_code = 0")).isEqualTo(2);
    }

    @Test
    void shouldRunWhenTheOnlyInstanceWasLeftWithoutAnExecution() {
        // given: the very first run was killed between storing its instance and its execution
        harness.api().putAll(SimulatedTaskGenerator.generate(300, 46L, NOW));
        assertThat(harness.sync("--ark.page-size=100")).isZero();
        harness.jdbi().useHandle(handle -> handle.execute("""
                DELETE FROM ark_batch.batch_step_execution_context;
                DELETE FROM ark_batch.batch_step_execution;
                DELETE FROM ark_batch.batch_job_execution_context;
                DELETE FROM ark_batch.batch_job_execution_params;
                DELETE FROM ark_batch.batch_job_execution;
                DELETE FROM ark.sync_ledger;
                DELETE FROM ark.sync_runs;
                """));

        // when
        int exitCode = harness.sync("--ark.page-size=100");

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark_batch.batch_job_execution WHERE status = 'COMPLETED'"))
            .isEqualTo(1);
    }

    @Test
    void shouldResumeARunWhoseLastChunkEndedInAnUnknownState() {
        // given: a failed run whose step Spring Batch recorded as UNKNOWN, as it does when the database connection
        // drops while a chunk commits (the commit's outcome cannot be known); the chunk's rows and its checkpoint
        // commit in one transaction, so whatever the outcome, the recorded checkpoint matches the stored rows
        harness.api().putAll(SimulatedTaskGenerator.generate(500, 41L, NOW));
        harness.api().beforeEachRequest(new FailFromRequest(3, harness.api()));
        assertThat(harness.sync("--ark.page-size=100", "--ark.chunk-size=100", "--ark.filter.service-tier=default",
                "--ark.max-attempts=1", "--ark.prefetch-pages=0")).isEqualTo(1);
        harness.jdbi().useHandle(handle -> handle.execute(
                "UPDATE ark_batch.batch_step_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN'"));
        harness.api().beforeEachRequest(() -> {
        });
        harness.api().resetRequests();

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.chunk-size=100", "--ark.filter.service-tier=default");

        // then: resumed from its checkpoint, not refused ("Cannot restart step from UNKNOWN status"), and exact
        assertThat(exitCode).as(harness.lastStandardError()).isZero();
        assertThat(harness.api().requestQueries().get(0)).startsWith("page_num=2&");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks"))
            .isEqualTo(harness.api().tasks().stream().filter(t -> t.serviceTier().equals("default")).count());
    }

    @Test
    void shouldWorkThroughARelayPrefix() {
        try (SyncHarness relay = new SyncHarness("/volc/v1")) {
            // given
            relay.api().putAll(SimulatedTaskGenerator.generate(150, 37L, NOW));

            // when
            int exitCode = relay.sync();

            // then
            assertThat(relay.api().baseUrl()).endsWith("/volc/v1");
            assertThat(exitCode).isZero();
            assertThat(relay.count("SELECT count(*) FROM ark.tasks")).isEqualTo(150);
        }
    }

    @Test
    void shouldLogProgressLinesRatherThanDrawABarWhenTheOutputIsNotATerminal() {
        // given: output captured by the test runner, as by cron or Kubernetes; the progress bar left at auto
        harness.api().putAll(SimulatedTaskGenerator.generate(800, 12L, NOW));
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));

        // when
        int exitCode;
        try {
            exitCode = harness.sync("--ark.page-size=100", "--ark.progress-every-pages=2", "--ark.progress-bar=auto");
        }
        finally {
            System.setOut(originalOut);
            originalOut.print(out.toString(StandardCharsets.UTF_8));
        }

        // then
        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Progress: 2 of ~").contains("Progress: 4 of ~");
        assertThat(harness.lastStandardError()).as("no bar on standard error").doesNotContain("Syncing")
            .doesNotContain("tasks/s");
    }

    private String rowVersions() {
        return harness.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM ark.tasks")
            .mapTo(String.class).one());
    }

    private Map<String, Object> lastRun() {
        return harness.jdbi().withHandle(h -> h.createQuery("SELECT * FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")
            .mapToMap().one());
    }
}

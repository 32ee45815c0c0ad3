package io.arktasksync.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relay that trims items to id, model, status and timestamps (the simulator's {@code RelayQuirks.trimItems}): a
 * poorer observation of the same task version never erases what is stored, a newer version still replaces it, and
 * succeeded tasks that come without usage are said to have none, never counted as zero.
 */
class TrimmingRelayIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** What a sync stores of a task, less what a re-read may refresh (last_seen_at, content_hash). */
    private static final String STORED = """
            SELECT t.id, t.account, t.model, t.status, t.service_tier, t.video_url, t.last_frame_url, t.file_url,
                   t.error_code, t.error_message, t.resolution, t.ratio, t.duration, t.frames, t.fps, t.seed,
                   t.created_at, t.updated_at, t.first_seen_at, t.last_changed_at, t.gone_at, t.raw::text AS raw,
                   u.completion_tokens, u.total_tokens, u.tool_usage::text AS tool_usage, u.recorded_at
            FROM ark.tasks t LEFT JOIN ark.task_usage u ON u.task_id = t.id
            ORDER BY t.id
            """;

    private static final String HISTORY = "SELECT * FROM ark.task_history ORDER BY history_id";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldKeepEveryStoredTokenLinkErrorAndRawFieldWhenAFullRunGoesThroughATrimmingRelay() {
        // given: a full run straight from the API
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(300, 19L, NOW);
        harness.api().putAll(tasks);
        assertThat(harness.sync()).isZero();
        List<Map<String, Object>> stored = rows(STORED);
        List<Map<String, Object>> history = rows(HISTORY);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE video_url IS NOT NULL")).isPositive();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE error_code IS NOT NULL")).isPositive();
        assertThat(harness.count("SELECT count(*) FROM ark.task_usage")).isPositive();

        // when: a forced full run through a relay that trims every item
        harness.api().quirks().trimItems();
        int exitCode = harness.sync("--full");

        // then: nothing stored changed, no history row for a "change", no write counted
        assertThat(exitCode).isZero();
        assertThat(rows(STORED)).isEqualTo(stored);
        assertThat(rows(HISTORY)).isEqualTo(history);
        assertThat(lastRun()).containsEntry("mode", "full").containsEntry("updated", 0L)
            .containsEntry("history_rows", 0L).containsEntry("usage_missing", 0L);
        // but the ledger notes what the relay left out, for the tasks to come
        assertThat(harness.count("""
                SELECT count(*) FROM ark.sync_ledger
                WHERE run_id = (SELECT max(run_id) FROM ark.sync_runs) AND note LIKE '%succeeded item(s) without usage%'
                """)).isPositive();
    }

    @Test
    void shouldSayThatUsageIsMissingAndNeverStoreZeroTokensWhenSyncedOnlyThroughATrimmingRelay() {
        // given
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(300, 23L, NOW);
        harness.api().putAll(tasks);
        harness.api().quirks().trimItems();

        // when
        CapturedRun run = CapturedRun.of(arguments());

        // then: no zero in place of the tokens not reported, and the run says how many are missing
        assertThat(run.exitCode()).as(run.err()).isZero();
        long succeeded = harness.count("SELECT count(*) FROM ark.tasks WHERE status = 'succeeded'");
        assertThat(succeeded).isPositive();
        assertThat(harness.count("SELECT count(*) FROM ark.task_usage")).isZero();
        assertThat(harness.count("""
                SELECT count(*) FROM ark.daily_token_usage WHERE total_tokens = 0 OR completion_tokens = 0""")).isZero();
        assertThat(harness.count("SELECT sum(succeeded_without_usage) FROM ark.daily_token_usage")).isEqualTo(succeeded);
        assertThat(harness.count("SELECT sum(succeeded_without_usage) FROM ark.monthly_cost WHERE cost IS NULL"))
            .isEqualTo(succeeded);
        assertThat(lastRun()).containsEntry("usage_missing", succeeded);
        assertThat(harness.count("""
                SELECT coalesce(sum(substring(note FROM '(\\d+) succeeded item\\(s\\) without usage')::bigint), 0)
                FROM ark.sync_ledger""")).as("the ledger's notes").isEqualTo(succeeded);
        assertThat(run.out()).contains("usage_missing=" + succeeded)
            .contains(succeeded + " succeeded task(s) came without usage");

        // and the report counts those tasks as not reported, never as zero
        List<String> report = new ArrayList<>(List.of("report", "--from", "2026-11-01", "--to", "2026-11-30",
                "--by", "model"));
        report.addAll(List.of(harness.database().springArguments()));
        CapturedRun table = CapturedRun.of(report.toArray(String[]::new));
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("no usage")
            .contains(String.format(Locale.ROOT, "%,d succeeded tasks reported no usage", succeeded));
        report.addAll(List.of("--format", "json"));
        CapturedRun json = CapturedRun.of(report.toArray(String[]::new));
        assertThat(json.out()).contains("\"usage_missing\" : " + succeeded).contains("\"total_tokens\" : null");
    }

    @Test
    void shouldReplaceWithANewerVersionEvenWhenTrimmed() {
        // given: two running tasks, stored from the API
        SimulatedTask later = running("cgt-20261125110000-later", NOW.getEpochSecond() - 600);
        SimulatedTask newStatus = running("cgt-20261125110000-newst", NOW.getEpochSecond() - 300);
        harness.api().putAll(List.of(later, newStatus));
        assertThat(harness.sync()).isZero();

        // when: one is updated later, the other changes status at the same updated_at, both seen through the relay
        harness.api().putAll(List.of(later.withUsage(7L, 7L, later.updatedAt() + 60),
                newStatus.withStatus("cancelled", newStatus.updatedAt())));
        harness.api().quirks().trimItems();
        int exitCode = harness.sync("--full");

        // then: each replaced by its newer version, one history row each
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE id = '" + later.id()
                + "' AND updated_at = to_timestamp(" + (later.updatedAt() + 60) + ") AND raw -> 'resolution' IS NULL"))
            .isOne();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE id = '" + newStatus.id()
                + "' AND status = 'cancelled' AND raw -> 'resolution' IS NULL")).isOne();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(4);
        assertThat(lastRun()).containsEntry("updated", 2L).containsEntry("history_rows", 2L);
    }

    @Test
    void shouldKeepTheFullerCopyWhenATrimmedCopyOfTheSameVersionFollowsItInOneChunk() {
        // given: a succeeded task listed whole, then at once again trimmed (same status and updated_at), one chunk
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(40, 29L, NOW).stream()
            .filter(task -> "default".equals(task.serviceTier()))
            .toList();
        SimulatedTask full = tasks.stream()
            .filter(task -> "succeeded".equals(task.status()) && task.totalTokens() != null && task.videoUrl() != null)
            .findFirst().orElseThrow();
        harness.api().putAll(tasks);
        // ties are served by key, descending: "a-..." comes right after the task's own "cgt-..." key
        harness.api().putRaw("a-trimmed-copy", "{\"id\":\"" + full.id() + "\",\"model\":\"" + full.model()
                + "\",\"status\":\"succeeded\",\"created_at\":" + full.createdAt() + ",\"updated_at\":"
                + full.updatedAt() + "}", full.createdAt(), "default");

        // when
        int exitCode = harness.sync("--ark.filter.service-tier=default");

        // then: the trimmed copy erased nothing the fuller one brought
        assertThat(exitCode).isZero();
        assertThat(lastRun()).containsEntry("duplicates", 1L).containsEntry("usage_missing", 0L);
        Map<String, Object> stored = rows("SELECT t.video_url, t.raw ->> 'resolution' AS resolution, u.total_tokens"
                + " FROM ark.tasks t LEFT JOIN ark.task_usage u ON u.task_id = t.id WHERE t.id = '" + full.id() + "'")
            .get(0);
        assertThat(stored).containsEntry("video_url", full.videoUrl()).containsEntry("total_tokens", full.totalTokens());
        assertThat(stored.get("resolution")).as("a raw field only the fuller copy had").isNotNull();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history WHERE task_id = '" + full.id()
                + "' AND total_tokens IS NOT NULL AND video_url IS NOT NULL")).isOne();
    }

    private static SimulatedTask running(String id, long createdAt) {
        return new SimulatedTask(id, "doubao-seedance-1-0-pro-250528", "running", "default", createdAt, createdAt,
                null, null, null, null, null, null, false, "720p", "16:9", 5, 24, 1L, Map.of());
    }

    private String[] arguments() {
        List<String> arguments = new ArrayList<>(List.of(harness.database().springArguments()));
        arguments.add("--ark.base-url=" + harness.api().baseUrl());
        arguments.add("--ark.api-key=" + SyncHarness.API_KEY);
        return arguments.toArray(String[]::new);
    }

    private List<Map<String, Object>> rows(String sql) {
        return harness.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list());
    }

    private Map<String, Object> lastRun() {
        return harness.jdbi().withHandle(h -> h.createQuery("SELECT * FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1")
            .mapToMap().one());
    }
}

package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.arktasksync.report.ExpectedFigures.Usage;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reporting views of {@code db/V3__reporting_views.sql} on data synced through the simulator: every figure
 * must equal what Java computes from the simulator's own tasks. Two accounts, and a later sync that finishes a few
 * running tasks, so that accounts and history have something to tell apart.
 */
class ReportingViewsIT {

    /** Real time: expired_video_urls compares with the database's now(). */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static SyncHarness harness;

    /** Every task as the database finally holds it. */
    private static List<SimulatedTask> tasks;

    private static Map<String, String> accountById;

    /** Running tasks that a later sync saw succeed: two versions in their history. */
    private static List<SimulatedTask> finishedLater;

    @BeforeAll
    static void syncTwoAccountsThenALaterChange() {
        harness = new SyncHarness();
        List<SimulatedTask> teamA = SimulatedTaskGenerator.generate(1_200, 61L, NOW);
        List<SimulatedTask> teamB = new ArrayList<>(SimulatedTaskGenerator.generate(1_200, 62L, NOW));
        Set<String> idsA = teamA.stream().map(SimulatedTask::id).collect(Collectors.toSet());
        assertThat(teamB).noneMatch(t -> idsA.contains(t.id()));

        // Full runs throughout: each account's whole dataset appears at once, which an incremental run (head
        // pages and unfinished tasks only) is not meant to read.
        harness.api().putAll(teamA);
        assertThat(harness.sync("--ark.account=team-a", "--ark.full-scan=true")).isZero();
        teamA.forEach(t -> harness.api().remove(t.id()));
        harness.api().putAll(teamB);
        assertThat(harness.sync("--ark.account=team-b", "--ark.full-scan=true")).isZero();

        finishedLater = teamB.stream().filter(t -> t.status().equals("running")).limit(5)
            .map(t -> t.withStatus("succeeded", t.updatedAt() + 90).withUsage(50_000L, 50_000L, t.updatedAt() + 90))
            .toList();
        assertThat(finishedLater).hasSize(5);
        Map<String, SimulatedTask> changed = finishedLater.stream()
            .collect(Collectors.toMap(SimulatedTask::id, Function.identity()));
        teamB.replaceAll(t -> changed.getOrDefault(t.id(), t));
        harness.api().putAll(finishedLater);
        assertThat(harness.sync("--ark.account=team-b", "--ark.full-scan=true")).isZero();

        tasks = Stream.concat(teamA.stream(), teamB.stream()).toList();
        accountById = new HashMap<>();
        teamA.forEach(t -> accountById.put(t.id(), "team-a"));
        teamB.forEach(t -> accountById.put(t.id(), "team-b"));
    }

    @AfterAll
    static void tearDown() {
        harness.close();
    }

    @Test
    void shouldCountEveryTaskAndSumItsReportedUsagePerDayModelTierStatusAndAccount() {
        // given
        Map<List<String>, Usage> expected = ExpectedFigures.usageBy(tasks,
                t -> List.of(ExpectedFigures.day(t).toString(), t.model(), t.serviceTier(), t.status(),
                        accountById.get(t.id())));

        // when
        Map<List<String>, Usage> actual = usageRows("""
                SELECT day::text AS k1, model AS k2, service_tier AS k3, status AS k4, account AS k5, tasks,
                       tasks_with_usage, completion_tokens, total_tokens
                FROM ark.daily_token_usage""", 5);

        // then
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.values().stream().mapToLong(Usage::tasks).sum()).isEqualTo(2_400);
    }

    @Test
    void shouldKeepUsageThatWasNotReportedApartFromZeroTokens() {
        // when
        Map<List<String>, Usage> byStatus = usageRows("""
                SELECT status AS k1, sum(tasks)::bigint AS tasks, sum(tasks_with_usage)::bigint AS tasks_with_usage,
                       sum(completion_tokens)::bigint AS completion_tokens, sum(total_tokens)::bigint AS total_tokens
                FROM ark.daily_token_usage GROUP BY status""", 1);

        // then: queued tasks report nothing (null); failed ones sometimes report zero, sometimes nothing
        assertThat(byStatus.get(List.of("queued")).tasksWithUsage()).isZero();
        assertThat(byStatus.get(List.of("queued")).totalTokens()).isNull();
        Usage failed = byStatus.get(List.of("failed"));
        assertThat(failed.totalTokens()).isZero();
        assertThat(failed.tasksWithUsage()).isPositive().isLessThan(failed.tasks());
    }

    @Test
    void shouldSumUsagePerMonthModelAndAccount() {
        // given
        Map<List<String>, Usage> expected = ExpectedFigures.usageBy(tasks,
                t -> List.of(ExpectedFigures.month(t).toString(), t.model(), accountById.get(t.id())));

        // when
        Map<List<String>, Usage> actual = usageRows("""
                SELECT month::text AS k1, model AS k2, account AS k3, tasks, tasks_with_usage, completion_tokens,
                       total_tokens
                FROM ark.monthly_token_usage""", 3);

        // then
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldSumUsagePerMonthAndAccount() {
        // given
        Map<List<String>, Usage> expected = ExpectedFigures.usageBy(tasks,
                t -> List.of(ExpectedFigures.month(t).toString(), accountById.get(t.id())));

        // when
        Map<List<String>, Usage> actual = usageRows("""
                SELECT month::text AS k1, account AS k2, tasks, tasks_with_usage, completion_tokens, total_tokens
                FROM ark.monthly_token_usage_by_account""", 2);

        // then
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.keySet()).extracting(key -> key.get(1)).contains("team-a", "team-b");
    }

    @Test
    void shouldCountOutcomesAndRatesOfFinishedTasksPerDayModelAndAccount() {
        // given
        Map<List<String>, List<SimulatedTask>> groups = tasks.stream()
            .collect(Collectors.groupingBy(t -> List.of(ExpectedFigures.day(t).toString(), t.model(),
                    accountById.get(t.id()))));

        // when
        List<Map<String, Object>> rows = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT day::text AS day, model, account, tasks, succeeded, failed, expired, cancelled, unfinished,
                       finished, failed_rate, expired_rate, cancelled_rate
                FROM ark.daily_task_outcomes""").mapToMap().list());

        // then
        assertThat(rows).hasSize(groups.size());
        for (Map<String, Object> row : rows) {
            List<SimulatedTask> group = groups.get(List.of((String) row.get("day"), (String) row.get("model"),
                    (String) row.get("account")));
            assertThat(group).as("group of %s", row).isNotNull();
            long finished = group.stream().filter(t -> ExpectedFigures.FINISHED.contains(t.status())).count();
            assertThat(row).containsEntry("tasks", (long) group.size())
                .containsEntry("succeeded", count(group, "succeeded"))
                .containsEntry("failed", count(group, "failed"))
                .containsEntry("expired", count(group, "expired"))
                .containsEntry("cancelled", count(group, "cancelled"))
                .containsEntry("unfinished", count(group, "queued") + count(group, "running"))
                .containsEntry("finished", finished);
            assertRate(row.get("failed_rate"), count(group, "failed"), finished);
            assertRate(row.get("expired_rate"), count(group, "expired"), finished);
            assertRate(row.get("cancelled_rate"), count(group, "cancelled"), finished);
        }
    }

    @Test
    void shouldGiveEveryFinishedTaskItsLatencyAndNoOtherTask() {
        // given
        Map<String, Double> expected = new HashMap<>();
        for (SimulatedTask task : tasks) {
            Double latency = ExpectedFigures.latencySeconds(task);
            if (latency != null) {
                expected.put(task.id(), latency);
            }
        }

        // when
        Map<String, Double> actual = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT id, latency_seconds FROM ark.task_latency")
            .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getDouble("latency_seconds")))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

        // then
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).doesNotContainKeys(tasks.stream().filter(t -> t.status().equals("running"))
            .map(SimulatedTask::id).toArray(String[]::new));
    }

    @Test
    void shouldComputeLatencyPercentilesPerDayModelAndStatusAsPercentileCont() {
        // given
        Map<List<String>, List<Double>> latencies = new HashMap<>();
        for (SimulatedTask task : tasks) {
            Double latency = ExpectedFigures.latencySeconds(task);
            if (latency != null) {
                latencies.computeIfAbsent(List.of(ExpectedFigures.day(task).toString(), task.model(), task.status()),
                        k -> new ArrayList<>()).add(latency);
            }
        }
        latencies.values().forEach(values -> values.sort(null));

        // when
        List<Map<String, Object>> rows = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT day::text AS day, model, status, tasks, p50_seconds, p90_seconds, p95_seconds, p99_seconds,
                       max_seconds
                FROM ark.daily_task_latency""").mapToMap().list());

        // then
        assertThat(rows).hasSize(latencies.size());
        for (Map<String, Object> row : rows) {
            List<Double> sorted = latencies.get(List.of((String) row.get("day"), (String) row.get("model"),
                    (String) row.get("status")));
            assertThat(sorted).as("latencies of %s", row).isNotNull();
            assertThat(row.get("tasks")).isEqualTo((long) sorted.size());
            assertThat((Double) row.get("p50_seconds")).isCloseTo(ExpectedFigures.percentileCont(sorted, 0.50), within(1e-9));
            assertThat((Double) row.get("p90_seconds")).isCloseTo(ExpectedFigures.percentileCont(sorted, 0.90), within(1e-9));
            assertThat((Double) row.get("p95_seconds")).isCloseTo(ExpectedFigures.percentileCont(sorted, 0.95), within(1e-9));
            assertThat((Double) row.get("p99_seconds")).isCloseTo(ExpectedFigures.percentileCont(sorted, 0.99), within(1e-9));
            assertThat((Double) row.get("max_seconds")).isEqualTo(sorted.get(sorted.size() - 1));
        }
    }

    @Test
    void shouldListSucceededTasksWhoseVideoUrlExpired24HoursAfterTheyFinished() {
        // when: the view and now() in one transaction, so that both see the same now()
        record Listing(OffsetDateTime now, Map<String, OffsetDateTime> expiredAt) {
        }
        Listing listing = harness.jdbi().inTransaction(h -> new Listing(
                h.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one(),
                h.createQuery("SELECT id, url_expired_at FROM ark.expired_video_urls")
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getObject("url_expired_at", OffsetDateTime.class)))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));

        // then
        Instant now = listing.now().toInstant();
        Set<String> expected = new HashSet<>();
        Set<String> stillValid = new HashSet<>();
        for (SimulatedTask task : tasks) {
            if (task.status().equals("succeeded") && task.videoUrl() != null && !task.videoUrl().isEmpty()) {
                Instant expiry = Instant.ofEpochSecond(task.updatedAt()).plus(Duration.ofHours(24));
                (expiry.isAfter(now) ? stillValid : expected).add(task.id());
            }
        }
        assertThat(listing.expiredAt().keySet()).isEqualTo(expected);
        assertThat(expected).as("some URLs expired").isNotEmpty();
        assertThat(stillValid).as("some URLs still valid").isNotEmpty();
        SimulatedTask one = tasks.stream().filter(t -> expected.contains(t.id())).findFirst().orElseThrow();
        assertThat(listing.expiredAt().get(one.id()).toInstant())
            .isEqualTo(Instant.ofEpochSecond(one.updatedAt()).plus(Duration.ofHours(24)));
    }

    @Test
    void shouldListEveryVersionOfATaskInOrderWithItsModel() {
        // given
        SimulatedTask task = finishedLater.get(0);

        // when
        List<Map<String, Object>> timeline = timeline(task.id());

        // then
        assertThat(timeline).hasSize(2);
        assertThat(timeline).extracting(row -> row.get("status")).containsExactly("running", "succeeded");
        assertThat(timeline).extracting(row -> row.get("model")).containsOnly(task.model());
        assertThat((Long) timeline.get(0).get("history_id")).isLessThan((Long) timeline.get(1).get("history_id"));
        assertThat(timeline.get(0).get("total_tokens")).isNull();
        assertThat(timeline.get(1).get("total_tokens")).isEqualTo(50_000L);
        assertThat(((java.sql.Timestamp) timeline.get(1).get("task_updated_at")).toInstant())
            .isEqualTo(Instant.ofEpochSecond(task.updatedAt()));
    }

    @Test
    void shouldListOneVersionForAnUnchangedTaskAndNoneForAnUnknownOne() {
        // given
        SimulatedTask unchanged = tasks.get(0);

        // when / then
        assertThat(timeline(unchanged.id())).singleElement()
            .satisfies(row -> assertThat(row).containsEntry("status", unchanged.status())
                .containsEntry("model", unchanged.model()));
        assertThat(timeline("cgt-no-such-task")).isEmpty();
    }

    @Test
    void shouldDocumentEveryViewAndTheTimelineFunction() {
        // when
        List<String> undocumented = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'ark' AND c.relkind = 'v' AND obj_description(c.oid, 'pg_class') IS NULL
                UNION ALL
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'ark' AND p.proname = 'task_timeline' AND obj_description(p.oid, 'pg_proc') IS NULL
                """).mapTo(String.class).list());
        long views = harness.count("SELECT count(*) FROM pg_views WHERE schemaname = 'ark'");

        // then
        assertThat(undocumented).isEmpty();
        // V3's, V7's daily_archive_coverage, V8's task_costs, daily_cost, monthly_cost, V17's daily_user_cost,
        // V18's budget_status, V19's focus_costs, V24's task_costs_from_inputs
        assertThat(views).isEqualTo(7 + 1 + 3 + 3 + 1);
    }

    /** Rows of {@code k1..kN, tasks, tasks_with_usage, completion_tokens, total_tokens} by their key. */
    private static Map<List<String>, Usage> usageRows(String sql, int keys) {
        return harness.jdbi().withHandle(h -> h.createQuery(sql).map((rs, ctx) -> {
            List<String> key = new ArrayList<>();
            for (int i = 1; i <= keys; i++) {
                key.add(rs.getString("k" + i));
            }
            return Map.entry(key, usage(rs));
        }).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static Usage usage(ResultSet rs) throws SQLException {
        return new Usage(rs.getLong("tasks"), rs.getLong("tasks_with_usage"),
                rs.getObject("completion_tokens", Long.class), rs.getObject("total_tokens", Long.class));
    }

    private static List<Map<String, Object>> timeline(String taskId) {
        return harness.jdbi().withHandle(h -> h.createQuery("SELECT * FROM ark.task_timeline(:id)")
            .bind("id", taskId).mapToMap().list());
    }

    private static long count(List<SimulatedTask> group, String status) {
        return group.stream().filter(t -> t.status().equals(status)).count();
    }

    private static void assertRate(Object actual, long part, long finished) {
        if (finished == 0) {
            assertThat(actual).isNull();
        }
        else {
            assertThat((Double) actual).isCloseTo((double) part / finished, within(1e-12));
        }
    }
}

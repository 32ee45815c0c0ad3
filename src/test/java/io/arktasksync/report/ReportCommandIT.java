package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.arktasksync.report.ExpectedFigures.Usage;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.SyncHarness;
import io.arktasksync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar ark-task-sync.jar report ...} through the application's entry point, on tasks synced from the
 * simulator: the figures must equal those Java computes from the simulator's tasks, to the token.
 */
class ReportCommandIT {

    /** Real time: the report's default range ends today. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

    /** Covers every generated task (created within the 7 days before NOW). */
    private static final String FROM = TODAY.minusDays(8).toString();

    private static final String TO = TODAY.toString();

    /** DatabaseRunLock.LOCK_KEY: the advisory lock a sync holds while it runs. */
    private static final long SYNC_LOCK_KEY = 0x41524B53594E43L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SyncHarness harness;

    private static List<SimulatedTask> tasks;

    @BeforeAll
    static void syncTasks() {
        harness = new SyncHarness();
        tasks = SimulatedTaskGenerator.generate(2_000, 71L, NOW);
        harness.api().putAll(tasks);
        assertThat(harness.sync()).isZero();
    }

    @AfterAll
    static void tearDown() {
        harness.close();
    }

    @Test
    void shouldPrintTheLast30DaysByDayAsATableWithAGrandTotalByDefault() {
        // given
        Usage total = ExpectedFigures.sum(expectedBy(ReportGrouping.DAY).values());

        // when
        CapturedRun run = report();

        // then
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Tasks created " + TODAY.minusDays(29) + " to " + TODAY + " (UTC days), by day");
        // the simulator, like the API, reports completion tokens equal to total tokens: one column says both
        assertThat(total.completionTokens()).isEqualTo(total.totalTokens());
        assertThat(lines.get(1)).matches("day +tasks +with usage +tokens");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(ExpectedFigures.day(tasks.get(0)).toString()));
        assertThat(lines).filteredOn(line -> line.startsWith("total")).singleElement()
            .satisfies(line -> assertThat(line.split(" +")).containsExactly("total", grouped(total.tasks()),
                    grouped(total.tasksWithUsage()), grouped(total.totalTokens())));
        // nothing but the report on standard output: title, header, rule, one line per day, rule, total, and the
        // footnotes that apply: the one about missing usage only when a day has no task with usage (today's tasks,
        // just after midnight UTC, can all be queued or running)
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Completion tokens equal total tokens on every row: one column shows both.");
        boolean aDayWithoutUsage = expectedBy(ReportGrouping.DAY).values().stream().anyMatch(day -> day.tasksWithUsage() == 0);
        assertThat(lines).filteredOn(line -> line.startsWith("-: ")).hasSize(aDayWithoutUsage ? 1 : 0);
        assertThat(lines).hasSize(expectedBy(ReportGrouping.DAY).size() + 6 + (aDayWithoutUsage ? 1 : 0));
    }

    @ParameterizedTest
    @EnumSource(ReportGrouping.class)
    void shouldPrintEveryGroupingAsCsvExactToTheToken(ReportGrouping by) {
        // when
        CapturedRun run = report("--from", FROM, "--to", TO, "--by", by.option(), "--format", "csv");

        // then
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(by.column() + ",tasks,tasks_with_usage,completion_tokens,total_tokens");
        Map<String, Usage> actual = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertThat(fields).hasSize(5);
            keys.add(fields[0]);
            actual.put(fields[0], new Usage(Long.parseLong(fields[1]), Long.parseLong(fields[2]), nullableLong(fields[3]),
                    nullableLong(fields[4])));
        }
        assertThat(actual).isEqualTo(expectedBy(by));
        // in order, tasks without a value last
        assertThat(keys.stream().filter(k -> !k.isEmpty()).toList()).isSorted();
        assertThat(keys.indexOf("")).isIn(-1, keys.size() - 1);
        assertThat(ExpectedFigures.sum(actual.values())).isEqualTo(ExpectedFigures.sum(expectedBy(by).values()));
    }

    @ParameterizedTest
    @EnumSource(ReportGrouping.class)
    void shouldPrintEveryGroupingAsJsonWithAnExactTotal(ReportGrouping by) {
        // when
        CapturedRun run = report("--from=" + FROM, "--to=" + TO, "--by=" + by.option(), "--format=json");

        // then
        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("from").asString()).isEqualTo(FROM);
        assertThat(json.get("to").asString()).isEqualTo(TO);
        assertThat(json.get("by").asString()).isEqualTo(by.column());
        Map<String, Usage> actual = new HashMap<>();
        for (JsonNode row : json.get("rows")) {
            actual.put(row.get(by.column()).isNull() ? "" : row.get(by.column()).asString(), usage(row));
        }
        assertThat(actual).isEqualTo(expectedBy(by));
        assertThat(usage(json.get("total"))).isEqualTo(ExpectedFigures.sum(expectedBy(by).values()));
        assertThat(usage(json.get("total")).tasks()).isEqualTo(tasks.size());
    }

    @ParameterizedTest
    @EnumSource(ReportGrouping.class)
    void shouldPrintEveryGroupingAsATableWithTheGrandTotal(ReportGrouping by) {
        // given
        Usage total = ExpectedFigures.sum(expectedBy(by).values());

        // when
        CapturedRun run = report("--from", FROM, "--to", TO, "--by", by.option());

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Tasks created " + FROM + " to " + TO + " (UTC days), by " + by.option() + "\n")
            .contains("\ntotal ")
            .contains(grouped(total.totalTokens()) + "\n");
        for (String key : expectedBy(by).keySet()) {
            // tasks without a value (no end user) are shown as (none)
            assertThat(run.out()).contains("\n" + (key.isEmpty() ? TableFormatter.NONE : key) + " ");
        }
    }

    @Test
    void shouldReportOnlyTheTasksCreatedOnTheDaysOfTheRange() {
        // given
        LocalDate day = ExpectedFigures.day(tasks.get(0));
        Usage expected = ExpectedFigures.sum(ExpectedFigures.usageBy(
                tasks.stream().filter(t -> ExpectedFigures.day(t).equals(day)).toList(), SimulatedTask::model).values());

        // when
        CapturedRun run = report("--from", day.toString(), "--to", day.toString(), "--by", "model", "--format", "json");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(usage(JSON.readTree(run.out()).get("total"))).isEqualTo(expected);
        assertThat(expected.tasks()).isPositive().isLessThan(tasks.size());
    }

    @Test
    void shouldSayWhenNoTaskWasCreatedInTheRange() {
        // when
        CapturedRun run = report("--from", "2020-01-01", "--to", "2020-01-31");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("No tasks were created between 2020-01-01 and 2020-01-31 (UTC days).\n");
    }

    @Test
    void shouldNeitherCallTheApiNorTouchTheSyncWhileASyncHoldsTheLock() throws Exception {
        // given: a sync in progress holds the run lock; the report needs no API settings at all
        long requests = harness.api().requestCount();
        long runs = harness.count("SELECT count(*) FROM ark.sync_runs");
        long executions = harness.count("SELECT count(*) FROM ark_batch.batch_job_execution");
        try (Connection sync = harness.database().connect(); Statement statement = sync.createStatement()) {
            try (ResultSet locked = statement.executeQuery("SELECT pg_try_advisory_lock(" + SYNC_LOCK_KEY + ")")) {
                assertThat(locked.next() && locked.getBoolean(1)).isTrue();
            }

            // when
            CapturedRun run = report("--ark.base-url=", "--ark.api-key=", "--format", "csv");

            // then
            assertThat(run.exitCode()).isZero();
            assertThat(run.out().lines().count()).isGreaterThan(1);
        }
        assertThat(harness.api().requestCount()).isEqualTo(requests);
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs")).isEqualTo(runs);
        assertThat(harness.count("SELECT count(*) FROM ark_batch.batch_job_execution")).isEqualTo(executions);
    }

    @Test
    void shouldSayTheDatabaseIsEmptyAndExitWith0() {
        try (TestDatabase empty = TestDatabase.createMigrated()) {
            // given: the schema, as a first sync leaves it, without tasks (the report never migrates itself)

            // when
            CapturedRun table = run(empty, "report");
            CapturedRun csv = run(empty, "report", "--format", "csv");
            CapturedRun json = run(empty, "report", "--format", "json", "--by", "tier");

            // then: a table gives way to the message; csv and json stay parseable and say it on standard error
            assertThat(table.exitCode()).isZero();
            assertThat(table.out()).isEqualTo(ReportCommand.EMPTY_DATABASE + "\n");
            assertThat(csv.exitCode()).isZero();
            assertThat(csv.out()).isEqualTo("day,tasks,tasks_with_usage,completion_tokens,total_tokens\n");
            assertThat(csv.err()).contains(ReportCommand.EMPTY_DATABASE);
            assertThat(json.exitCode()).isZero();
            JsonNode document = JSON.readTree(json.out());
            assertThat(document.get("rows")).isEmpty();
            assertThat(document.get("total").get("tasks").asLong()).isZero();
            assertThat(json.err()).contains(ReportCommand.EMPTY_DATABASE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "--by week", "--format xml", "--from 2026-02-30", "--since 2026-01-01",
            "--from 2026-11-20 --to 2026-11-01", "--by", "--full", "--by day,month", "--by model,week", "--cost=yes",
            "--account", "--format pdf" })
    void shouldExitWith2AndSayWhatIsWrongInOneLineBeforeConnecting(String arguments) {
        // given: an unreachable database, to show that nothing connects before the options are checked
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(Arrays.asList(arguments.split(" ")));
        all.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ark");

        // when
        CapturedRun run = CapturedRun.of(all.toArray(String[]::new));

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).singleElement()
            .satisfies(line -> assertThat(line).startsWith("report: ").contains(arguments.split(" ")[0]));
    }

    @Test
    void shouldExitWith4WhenTheDatabaseIsUnreachable() {
        // when
        CapturedRun run = CapturedRun.of("report", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ark");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Database unavailable at jdbc:postgresql://127.0.0.1:1/ark");
    }

    private static CapturedRun report(String... arguments) {
        return run(harness.database(), Stream.concat(Stream.of("report"), Arrays.stream(arguments)).toArray(String[]::new));
    }

    private static CapturedRun run(TestDatabase database, String... arguments) {
        return CapturedRun.of(Stream.concat(Arrays.stream(arguments), Arrays.stream(database.springArguments()))
            .toArray(String[]::new));
    }

    /** The expected rows of a report over all tasks, keyed as csv prints them (a missing key is empty). */
    private static Map<String, Usage> expectedBy(ReportGrouping by) {
        Function<SimulatedTask, String> key = switch (by) {
            case DAY -> t -> ExpectedFigures.day(t).toString();
            case MODEL -> SimulatedTask::model;
            case TIER -> SimulatedTask::serviceTier;
            case STATUS -> SimulatedTask::status;
            case MONTH -> t -> ExpectedFigures.month(t).toString().substring(0, 7);
            case ACCOUNT -> t -> "default";
            // tasks without an end user are a group of their own, printed with an empty key
            case USER -> t -> java.util.Objects.toString(t.extraFields().get("safety_identifier"), "");
        };
        return ExpectedFigures.usageBy(tasks, key);
    }

    private static Usage usage(JsonNode node) {
        return new Usage(node.get("tasks").asLong(), node.get("tasks_with_usage").asLong(),
                node.get("completion_tokens").isNull() ? null : node.get("completion_tokens").asLong(),
                node.get("total_tokens").isNull() ? null : node.get("total_tokens").asLong());
    }

    private static Long nullableLong(String field) {
        return field.isEmpty() ? null : Long.parseLong(field);
    }

    private static String grouped(Long value) {
        return value == null ? TableFormatter.NOT_REPORTED : String.format(Locale.ROOT, "%,d", value);
    }
}

package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.arktasksync.report.PricedTasks.Task;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report --cost}, {@code --account} and combined {@code --by} through the application's entry point, on
 * tasks and prices whose cost Java computes task by task: every amount exact, unpriced usage counted apart.
 */
class ReportCostIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String[] WHOLE_RANGE = { "--from", "2026-09-01", "--to", "2026-12-31" };

    private static TestDatabase database;

    private static List<Task> tasks;

    /** Cost, unpriced tasks and their tokens of a group, as the report must show them. */
    record Expected(long tasks, Long totalTokens, Map<String, BigDecimal> costs, long unpricedTasks, Long unpricedTokens) {

        static final Expected NONE = new Expected(0, null, Map.of(), 0, null);

        Expected plus(Task task) {
            Map<String, BigDecimal> sum = new TreeMap<>(costs);
            boolean unpriced = task.price() == null;
            if (task.cost() != null) {
                sum.merge(task.price().currency(), task.cost(), BigDecimal::add);
            }
            boolean missing = unpriced && task.totalTokens() != null;
            return new Expected(tasks + 1, ExpectedFigures.add(totalTokens, task.totalTokens()), sum,
                    unpricedTasks + (missing ? 1 : 0), missing ? ExpectedFigures.add(unpricedTokens, task.totalTokens())
                            : unpricedTokens);
        }
    }

    @BeforeAll
    static void insertTasksAndPrices() {
        database = TestDatabase.createMigrated();
        Jdbi jdbi = PricedTasks.open(database);
        tasks = PricedTasks.generate(2_000, 9L);
        PricedTasks.insert(jdbi, tasks);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void shouldPriceEveryGroupOfMonthAccountAndTierExactlyAsJson() {
        // given
        Map<List<String>, Expected> expected = expected(t -> true,
                t -> List.of(t.month().toString().substring(0, 7), t.account(), t.tier()));

        // when
        CapturedRun run = report("--by", "month,account,tier", "--cost", "--format", "json");

        // then
        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("by").asString()).isEqualTo("month,account,service_tier");
        Map<List<String>, Expected> actual = new HashMap<>();
        for (JsonNode row : json.get("rows")) {
            actual.put(List.of(row.get("month").asString(), row.get("account").asString(),
                    row.get("service_tier").asString()), normalized(expected(row)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(normalized(expected(json.get("total")))).isEqualTo(sum(expected.values()));
        assertThat(expected(json.get("total")).unpricedTasks()).isPositive();
    }

    @Test
    void shouldPrintOneCsvLinePerGroupAndCurrencyWithTheUnpricedTasksOnALineOfTheirOwn() {
        // given
        Map<List<String>, Expected> expected = expected(t -> true, t -> List.of(t.model()));

        // when
        CapturedRun run = report("--by", "model", "--cost", "--format", "csv");

        // then
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "model,tasks,tasks_with_usage,completion_tokens,total_tokens,cost,currency,unpriced_tasks,unpriced_tokens");
        Map<String, BigDecimal> costByModel = new HashMap<>();
        Map<String, Long> unpricedByModel = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields[6].isEmpty()) {
                assertThat(fields[5]).as("an unpriced line has no cost: %s", line).isEmpty();
                unpricedByModel.put(fields[0], Long.parseLong(fields[7]));
            }
            else {
                assertThat(fields[6]).isEqualTo("USD");
                costByModel.merge(fields[0], new BigDecimal(fields[5]), BigDecimal::add);
            }
        }
        expected.forEach((key, figures) -> {
            if (figures.costs().isEmpty()) {
                assertThat(costByModel).doesNotContainKey(key.get(0));
            }
            else {
                assertThat(costByModel.get(key.get(0))).as(key.get(0)).isEqualByComparingTo(figures.costs().get("USD"));
            }
            assertThat(unpricedByModel.getOrDefault(key.get(0), 0L)).isEqualTo(figures.unpricedTasks());
        });
        assertThat(costByModel).doesNotContainKey(PricedTasks.UNPRICED);
    }

    @Test
    void shouldReportOneAccountOnly() {
        // given
        Map<List<String>, Expected> expected = expected(t -> t.account().equals("team-b"), t -> List.of(t.model()));

        // when
        CapturedRun run = report("--by", "model", "--account", "team-b", "--cost", "--format", "json");

        // then
        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("account").asString()).isEqualTo("team-b");
        Map<List<String>, Expected> actual = new HashMap<>();
        json.get("rows").forEach(row -> actual.put(List.of(row.get("model").asString()), normalized(expected(row))));
        assertThat(actual).isEqualTo(expected);
        assertThat(expected(json.get("total")).tasks()).isLessThan(tasks.size());
    }

    @Test
    void shouldPrintTheUnpricedFootnoteAndNoPartialMonthOneForWholeMonths() {
        // given
        Expected november = sum(expected(t -> t.month().toString().equals("2026-11-01"), t -> List.of()).values());

        // when
        CapturedRun run = report("--from", "2026-11-01", "--to", "2026-11-30", "--by", "month", "--cost");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(String.format(Locale.ROOT, "* %,d tasks with %,d tokens have no price",
                november.unpricedTasks(), november.unpricedTokens()))
            .doesNotContain("Only part of");
        assertThat(run.out().lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow())
            .endsWith(String.format(Locale.ROOT, "%,.2f USD*", november.costs().get("USD")));
    }

    @Test
    void shouldSayWhenTheRangeCutsAMonthAndLeaveCostOutUnlessAsked() {
        // when
        CapturedRun run = report("--from", "2026-11-02", "--to", "2026-11-30", "--by", "month");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Only part of 2026-11 is in the range 2026-11-02 to 2026-11-30")
            .doesNotContain("USD").doesNotContain("no price");
    }

    @Test
    void shouldSayWhenTheAccountHasNoTasksInTheRange() {
        // when
        CapturedRun run = report("--account", "nobody");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("for account 'nobody'.");
    }

    private static Expected expected(JsonNode row) {
        Map<String, BigDecimal> costs = new TreeMap<>();
        row.get("cost").properties().forEach(e -> costs.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        return new Expected(row.get("tasks").asLong(),
                row.get("total_tokens").isNull() ? null : row.get("total_tokens").asLong(), costs,
                row.get("unpriced_tasks").asLong(),
                row.get("unpriced_tokens").isNull() ? null : row.get("unpriced_tokens").asLong());
    }

    private static Map<List<String>, Expected> expected(Predicate<Task> filter, Function<Task, List<String>> key) {
        Map<List<String>, Expected> expected = new HashMap<>();
        for (Task t : tasks) {
            if (filter.test(t)) {
                expected.merge(key.apply(t), Expected.NONE.plus(t), ReportCostIT::add);
            }
        }
        expected.replaceAll((k, v) -> normalized(v));
        return expected;
    }

    private static Expected sum(java.util.Collection<Expected> values) {
        return normalized(values.stream().reduce(Expected.NONE, ReportCostIT::add));
    }

    private static Expected add(Expected a, Expected b) {
        Map<String, BigDecimal> costs = new TreeMap<>(a.costs());
        b.costs().forEach((c, v) -> costs.merge(c, v, BigDecimal::add));
        return new Expected(a.tasks() + b.tasks(), ExpectedFigures.add(a.totalTokens(), b.totalTokens()), costs,
                a.unpricedTasks() + b.unpricedTasks(), ExpectedFigures.add(a.unpricedTokens(), b.unpricedTokens()));
    }

    /** Amounts compared by value: numeric keeps the scale of its inputs. */
    private static Expected normalized(Expected e) {
        Map<String, BigDecimal> costs = new TreeMap<>();
        e.costs().forEach((c, v) -> costs.put(c, v.stripTrailingZeros()));
        return new Expected(e.tasks(), e.totalTokens(), costs, e.unpricedTasks(), e.unpricedTokens());
    }

    private static CapturedRun report(String... arguments) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(Arrays.asList(WHOLE_RANGE));
        List<String> given = Arrays.asList(arguments);
        if (given.contains("--from")) {
            all = new ArrayList<>(List.of("report"));
        }
        all.addAll(given);
        return CapturedRun.of(Stream.concat(all.stream(), Arrays.stream(database.springArguments()))
            .toArray(String[]::new));
    }
}

package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.arktasksync.report.PricedTasks.Task;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ark.daily_cost} and {@code ark.monthly_cost} ({@code db/V8__model_prices.sql}) against the cost Java
 * computes task by task: a price change in the middle of a month, a model without price, two accounts, both tiers.
 */
class CostViewsIT {

    private static TestDatabase database;

    private static Jdbi jdbi;

    private static List<Task> tasks;

    /** The key of one row of the views, the first element being the day or the month. */
    record Key(String period, String account, String model, String tier, String currency, boolean unpriced) {
    }

    record Figures(long tasks, long tasksWithUsage, Long totalTokens, BigDecimal cost) {

        Figures plus(Task task) {
            return new Figures(tasks + 1, tasksWithUsage + (task.totalTokens() == null ? 0 : 1),
                    ExpectedFigures.add(totalTokens, task.totalTokens()), add(cost, task.cost()));
        }

        /** numeric keeps the scale of its inputs: compare amounts by value. */
        Figures normalized() {
            return new Figures(tasks, tasksWithUsage, totalTokens, cost == null ? null : cost.stripTrailingZeros());
        }

        private static BigDecimal add(BigDecimal sum, BigDecimal value) {
            if (value == null) {
                return sum;
            }
            return sum == null ? value : sum.add(value);
        }
    }

    @BeforeAll
    static void insertTasksAndPrices() {
        database = TestDatabase.createMigrated();
        jdbi = PricedTasks.open(database);
        tasks = PricedTasks.generate(3_000, 5L);
        PricedTasks.insert(jdbi, tasks);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void shouldPriceEveryTaskOfEveryDayByThePriceValidAtItsCreation() {
        // given
        Map<Key, Figures> expected = expected(t -> t.day().toString());

        // when
        Map<Key, Figures> actual = rows("SELECT day::text AS period, * FROM ark.daily_cost");

        // then
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.values().stream().mapToLong(Figures::tasks).sum()).isEqualTo(tasks.size());
    }

    @Test
    void shouldPriceEachTaskOfAMonthWhosePriceChangedMidMonthByItsOwnPrice() {
        // given
        Map<Key, Figures> expected = expected(t -> t.month().toString());

        // when
        Map<Key, Figures> actual = rows("SELECT month::text AS period, * FROM ark.monthly_cost");

        // then: November's default-tier pro row mixes 2.50 and 2.00, and its cost is the exact sum of both
        assertThat(actual).isEqualTo(expected);
        Key november = new Key("2026-11-01", "team-a", PricedTasks.PRO, "default", "USD", false);
        BigDecimal atOldPrice = sumCost(t -> t.month().toString().equals("2026-11-01") && t.account().equals("team-a")
                && t.model().equals(PricedTasks.PRO) && t.tier().equals("default")
                && t.createdAt().isBefore(PricedTasks.PRICE_CHANGE));
        assertThat(atOldPrice).isPositive();
        assertThat(actual.get(november).cost()).isGreaterThan(atOldPrice);
    }

    @Test
    void shouldAddUpCostPerEndUserToTheTotalsOfDailyCostKeepingTasksWithoutAnEndUser() {
        // given: two thirds of the tasks name one of four end users, the others none
        jdbi.useHandle(h -> h.execute("""
                UPDATE ark.tasks SET safety_identifier = 'user-' || (abs(hashtext(id)) % 4)
                WHERE abs(hashtext(id)) % 3 <> 0"""));
        String totals = """
                SELECT day, account, model, service_tier, currency, sum(tasks) AS tasks,
                       sum(total_tokens) AS tokens, sum(cost) AS cost
                FROM ark.%s GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5""";

        // when
        List<Map<String, Object>> byUser = jdbi.withHandle(h -> h.createQuery(totals.formatted("daily_user_cost"))
            .mapToMap().list());
        long withoutUser = jdbi.withHandle(h -> h.createQuery(
                "SELECT coalesce(sum(tasks), 0) FROM ark.daily_user_cost WHERE safety_identifier IS NULL")
            .mapTo(Long.class).one());

        // then
        assertThat(byUser).isEqualTo(jdbi.withHandle(h -> h.createQuery(totals.formatted("daily_cost")).mapToMap()
            .list()));
        assertThat(withoutUser).isPositive();
        assertThat(byUser.stream().mapToLong(r -> ((Number) r.get("tasks")).longValue()).sum()).isEqualTo(tasks.size());
    }

    @Test
    void shouldChargeTheNewPriceFromTheInstantItIsValid() {
        // when
        Map<String, BigDecimal> costs = jdbi.withHandle(h -> h.createQuery(
                """
                SELECT id, sum(cost) AS cost FROM ark.task_costs
                WHERE id IN ('cgt-at-change', 'cgt-before-change') GROUP BY id""")
            .reduceRows(new HashMap<String, BigDecimal>(), (map, row) -> {
                map.put(row.getColumn("id", String.class), row.getColumn("cost", BigDecimal.class));
                return map;
            }));

        // then: 1,000,003 tokens at 2.00 and at 2.50 per million, each task priced once
        assertThat(costs.get("cgt-at-change")).isEqualByComparingTo("2.000006");
        assertThat(costs.get("cgt-before-change")).isEqualByComparingTo("2.5000075");
    }

    @Test
    void shouldShowTasksWithoutPriceAsUnpricedWithANullCostNeverZero() {
        // when
        List<Map<String, Object>> unpriced = jdbi.withHandle(h -> h.createQuery(
                "SELECT model, cost, currency, total_tokens FROM ark.monthly_cost WHERE unpriced").mapToMap().list());

        // then: the model without price, and the priced models' tasks created before their first price
        assertThat(unpriced).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("cost")).isNull();
            assertThat(row.get("currency")).isNull();
        });
        assertThat(unpriced).extracting(row -> row.get("model")).contains(PricedTasks.UNPRICED, PricedTasks.PRO);
        assertThat(unpriced).anySatisfy(row -> assertThat((Long) row.get("total_tokens")).isPositive());
        assertThat(count("SELECT count(*) FROM ark.monthly_cost WHERE NOT unpriced AND currency IS NULL")).isZero();
    }

    @Test
    void shouldRefuseAPriceWhosePeriodOverlapsAnotherOfTheSameModelAndTier() {
        // when / then: 2.00 is open from the 15th; a price from December would overlap it
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("""
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from)
                VALUES (?, 'default', 'USD', 3, '2026-12-01T00:00:00Z')""", PricedTasks.PRO)))
            .hasMessageContaining("overlaps another period");
        assertThat(count("SELECT count(*) FROM ark.model_prices")).isEqualTo(PricedTasks.PRICES.size());
    }

    private static Map<Key, Figures> expected(Function<Task, String> period) {
        Map<Key, Figures> expected = new HashMap<>();
        for (Task t : tasks) {
            PricedTasks.Price price = t.price();
            Key key = new Key(period.apply(t), t.account(), t.model(), t.tier(), price == null ? null : price.currency(),
                    price == null);
            expected.merge(key, new Figures(0, 0, null, null).plus(t), (a, b) -> new Figures(a.tasks() + b.tasks(),
                    a.tasksWithUsage() + b.tasksWithUsage(), ExpectedFigures.add(a.totalTokens(), b.totalTokens()),
                    Figures.add(a.cost(), b.cost())));
        }
        expected.replaceAll((k, v) -> v.normalized());
        return expected;
    }

    private static BigDecimal sumCost(java.util.function.Predicate<Task> filter) {
        return tasks.stream().filter(filter).map(Task::cost).filter(Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static Map<Key, Figures> rows(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).reduceRows(new HashMap<Key, Figures>(), (map, row) -> {
            Key key = new Key(row.getColumn("period", String.class), row.getColumn("account", String.class),
                    row.getColumn("model", String.class), row.getColumn("service_tier", String.class),
                    row.getColumn("currency", String.class), row.getColumn("unpriced", Boolean.class));
            Figures figures = new Figures(row.getColumn("tasks", Long.class), row.getColumn("tasks_with_usage", Long.class),
                    row.getColumn("total_tokens", Long.class), row.getColumn("cost", BigDecimal.class)).normalized();
            assertThat(map.put(key, figures)).as("one row per %s", key).isNull();
            return map;
        }));
    }
}

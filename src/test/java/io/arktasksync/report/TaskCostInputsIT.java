package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ark.task_cost_inputs} (V20), what {@code report --cost} reads instead of {@code ark.task_costs}, stays equal
 * to {@code ark.tasks} joined to {@code ark.task_usage} whoever writes them, and the report's figures stay those of
 * {@code ark.task_costs} (compared as {@link ReportPart}s: amounts with their scale, so byte for byte in csv and json)
 * through a sync, changed tasks and usage, gone-marking, deletes, truncates, and price changes that apply at query
 * time: a new period in the middle of a day, a more specific row, a per-task price, another currency, an assumption.
 */
class TaskCostInputsIT {

    /** The report's query before V20 (ReportDao.parts over the view), the reference every figure is held to. */
    private static final String PARTS_OVER_THE_VIEW = """
            SELECT %s,
                   currency,
                   count(*)                                           AS tasks,
                   count(*) FILTER (WHERE has_usage)                  AS tasks_with_usage,
                   sum(completion_tokens)::bigint                     AS completion_tokens,
                   sum(total_tokens)::bigint                          AS total_tokens,
                   sum(cost)                                          AS cost,
                   count(*) FILTER (WHERE has_usage AND unpriced)     AS unpriced_tasks,
                   (sum(total_tokens) FILTER (WHERE unpriced))::bigint AS unpriced_tokens,
                   count(*) FILTER (WHERE status = 'succeeded' AND NOT has_usage) AS usage_missing
            FROM ark.task_costs
            WHERE day BETWEEN :from AND :to
              AND (CAST(:account AS text) IS NULL OR account = :account)
            GROUP BY %s
            ORDER BY %s
            """;

    private static final List<List<ReportGrouping>> GROUPINGS = List.of(List.of(ReportGrouping.DAY),
            List.of(ReportGrouping.MONTH), List.of(ReportGrouping.USER), List.of(ReportGrouping.STATUS),
            List.of(ReportGrouping.ACCOUNT, ReportGrouping.MODEL, ReportGrouping.TIER),
            List.of(ReportGrouping.DAY, ReportGrouping.MODEL, ReportGrouping.TIER, ReportGrouping.STATUS));

    /** The columns of ark.task_cost_inputs (with its key's values) as ark.tasks and ark.task_usage say them. */
    private static final String EXPECTED_INPUTS = """
            SELECT t.id, (t.created_at AT TIME ZONE 'UTC')::date, t.created_at, t.account, t.model, t.service_tier,
                   t.status, t.safety_identifier, t.generate_audio, t.resolution, t.draft, u.task_id IS NOT NULL,
                   u.completion_tokens, u.total_tokens
            FROM ark.tasks t LEFT JOIN ark.task_usage u ON u.task_id = t.id""";

    private static final String STORED_INPUTS = """
            SELECT i.task_id, i.day, i.created_at, i.account, i.model, i.service_tier, i.status, i.safety_identifier,
                   k.generate_audio, k.resolution, k.draft, i.has_usage, i.completion_tokens, i.total_tokens
            FROM ark.task_cost_inputs i JOIN ark.task_price_keys k USING (price_key)""";

    /**
     * The definitions of the cost views before V24, over {@code ark.task_costs} (db/V17, V18, V19 as shipped): the
     * views that now read {@code ark.task_cost_inputs} must give exactly their rows.
     */
    private static final Map<String, String> COST_VIEWS_BEFORE_V24 = Map.of("daily_user_cost", """
            SELECT day,
                   account,
                   safety_identifier,
                   model,
                   service_tier,
                   count(*)                             AS tasks,
                   sum(total_tokens)::bigint            AS total_tokens,
                   sum(cost)                            AS cost,
                   currency
            FROM ark.task_costs
            GROUP BY day, account, safety_identifier, model, service_tier, currency
            """, "budget_status", """
            SELECT b.name,
                   b.scope,
                   b.scope_value,
                   b.period,
                   b.amount,
                   b.currency,
                   coalesce(b.currency, 'tokens')                                   AS unit,
                   p.period_start,
                   p.period_end,
                   s.spent,
                   b.amount - s.spent                                               AS remaining,
                   (s.spent / b.amount)::double precision                           AS share_used,
                   (s.spent * extract(epoch FROM p.period_end - p.period_start)
                       / greatest(extract(epoch FROM least(now(), p.period_end) - p.period_start), 1))::double precision
                                                                                    AS projected,
                   s.unpriced_tasks
            FROM ark.budgets b
            CROSS JOIN LATERAL (
                SELECT date_trunc(b.period, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'                   AS period_start,
                       (date_trunc(b.period, now() AT TIME ZONE 'UTC') + ('1 ' || b.period)::interval) AT TIME ZONE 'UTC'
                                                                                                           AS period_end,
                       date_trunc(b.period, now() AT TIME ZONE 'UTC')::date                                AS first_day,
                       (date_trunc(b.period, now() AT TIME ZONE 'UTC') + ('1 ' || b.period)::interval)::date - 1 AS last_day
            ) p
            CROSS JOIN LATERAL (
                SELECT coalesce(CASE WHEN b.currency IS NULL THEN sum(c.total_tokens)
                                     ELSE sum(c.cost) FILTER (WHERE c.currency = b.currency) END, 0) AS spent,
                       count(*) FILTER (WHERE c.unpriced AND c.has_usage AND b.currency IS NOT NULL)  AS unpriced_tasks
                FROM ark.task_costs c
                WHERE c.day BETWEEN p.first_day AND p.last_day
                  AND CASE b.scope WHEN 'all' THEN true
                                   WHEN 'account' THEN c.account = b.scope_value
                                   WHEN 'model' THEN c.model = b.scope_value
                                   WHEN 'user' THEN c.safety_identifier = b.scope_value END
            ) s
            """, "focus_costs", """
            SELECT c.cost                                                              AS "BilledCost",
                   c.cost                                                              AS "EffectiveCost",
                   c.cost                                                              AS "ListCost",
                   c.cost                                                              AS "ContractedCost",
                   c.unit_price                                                        AS "ListUnitPrice",
                   c.unit_price                                                        AS "ContractedUnitPrice",
                   c.currency                                                          AS "BillingCurrency",
                   c.account                                                           AS "BillingAccountId",
                   c.account                                                           AS "BillingAccountName",
                   (c.month::timestamp AT TIME ZONE 'UTC')                             AS "BillingPeriodStart",
                   ((c.month + interval '1 month')::timestamp AT TIME ZONE 'UTC')      AS "BillingPeriodEnd",
                   (c.day::timestamp AT TIME ZONE 'UTC')                               AS "ChargePeriodStart",
                   ((c.day + 1)::timestamp AT TIME ZONE 'UTC')                         AS "ChargePeriodEnd",
                   'Usage'::text                                                       AS "ChargeCategory",
                   NULL::text                                                          AS "ChargeClass",
                   'Usage-Based'::text                                                 AS "ChargeFrequency",
                   c.model || ' generation task, ' || c.service_tier || ' tier'
                       || CASE c.unit WHEN 'task' THEN ', priced per task' ELSE ', priced per million tokens' END
                                                                                       AS "ChargeDescription",
                   'Standard'::text                                                    AS "PricingCategory",
                   CASE c.unit WHEN 'task' THEN 1 ELSE c.total_tokens END::numeric     AS "ConsumedQuantity",
                   CASE c.unit WHEN 'task' THEN 'Tasks' ELSE 'Tokens' END              AS "ConsumedUnit",
                   -- PricingQuantity x ListUnitPrice = ListCost, as the specification requires
                   CASE c.unit WHEN 'task' THEN CASE WHEN c.status = 'succeeded' THEN 1 ELSE 0 END
                               ELSE trim_scale(c.total_tokens * 0.000001) END::numeric AS "PricingQuantity",
                   CASE c.unit WHEN 'task' THEN 'Tasks' ELSE '1000000 Tokens' END      AS "PricingUnit",
                   -- Volcano Engine bills Ark in CNY, BytePlus ModelArk in USD: the currency says which one issued the bill
                   CASE WHEN c.currency = 'CNY' THEN 'Volcano Engine' ELSE 'BytePlus' END AS "ProviderName",
                   CASE WHEN c.currency = 'CNY' THEN 'Volcano Engine' ELSE 'BytePlus' END AS "InvoiceIssuerName",
                   'ByteDance'::text                                                   AS "PublisherName",
                   'Ark'::text                                                         AS "ServiceName",
                   'AI and Machine Learning'::text                                     AS "ServiceCategory",
                   c.id                                                                AS "ResourceId",
                   'Generation Task'::text                                             AS "ResourceType",
                   c.model || ':' || c.service_tier                                    AS "SkuId",
                   c.price_id::text                                                    AS "SkuPriceId",
                   jsonb_strip_nulls(jsonb_build_object(
                       'ark/safety_identifier', t.safety_identifier, 'ark/priority', t.priority, 'ark/draft', t.draft,
                       'ark/generate_audio', t.generate_audio, 'ark/service_tier', c.service_tier,
                       'ark/assumed_with_video_input', c.assumed_with_video_input))    AS "Tags",
                   'estimate: tokens x ark.model_prices'::text                         AS "x_CostSource",
                   c.day                                                               AS "x_Day"
            FROM ark.task_costs c
            JOIN ark.tasks t ON t.id = c.id
            WHERE c.cost IS NOT NULL
            """);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
    }

    @Test
    void shouldGiveTheFiguresOfTaskCostsForTasksWrittenBySqlAndEveryLaterWrite() {
        // given: tasks and usage inserted by hand, prices with a period that ends at noon
        TestDatabase database = TestDatabase.createMigrated();
        opened.add(database);
        Jdbi jdbi = PricedTasks.open(database).installPlugin(new SqlObjectPlugin());
        PricedTasks.insert(jdbi, PricedTasks.generate(1_500, 22L));
        write(jdbi, "budgets of every scope, period and unit", """
                INSERT INTO ark.budgets (name, scope, scope_value, period, amount, currency) VALUES
                    ('all-day', 'all', NULL, 'day', 10, 'USD'), ('all-month', 'all', NULL, 'month', 10, 'USD'),
                    ('all-month-cny', 'all', NULL, 'month', 10, 'CNY'), ('tokens', 'all', NULL, 'month', 1000000, NULL),
                    ('team-a', 'account', 'team-a', 'month', 5, 'USD'),
                    ('pro', 'model', 'doubao-seedance-1-0-pro-250528', 'day', 5, 'USD'),
                    ('user', 'user', 'user-3', 'month', 1, 'USD')""");
        write(jdbi, "tasks created today, in the budgets' current periods",
                "UPDATE ark.tasks SET created_at = now() - (abs(hashtext(id)) % 600) * interval '1 second'"
                        + " WHERE id LIKE 'cgt-p0008%' OR id LIKE 'cgt-p0009%'");

        // when / then: every kind of write, each followed by the comparison
        write(jdbi, "a status changed", "UPDATE ark.tasks SET status = 'succeeded' WHERE status = 'running'");
        write(jdbi, "created_at moved across a day and a price period",
                "UPDATE ark.tasks SET created_at = created_at - interval '20 hours' WHERE id LIKE 'cgt-p0001%'");
        write(jdbi, "another model and end users",
                "UPDATE ark.tasks SET model = 'doubao-seedance-1-0-lite-t2v-250428', safety_identifier = 'user-' || "
                        + "(abs(hashtext(id)) % 7) WHERE id LIKE 'cgt-p0002%'");
        write(jdbi, "price dimensions on the tasks",
                "UPDATE ark.tasks SET generate_audio = abs(hashtext(id)) % 2 = 0, resolution = '1080p', draft = false"
                        + " WHERE id LIKE 'cgt-p0003%'");
        write(jdbi, "usage changed", "UPDATE ark.task_usage SET total_tokens = total_tokens + 7, "
                + "completion_tokens = NULL WHERE task_id LIKE 'cgt-p0004%'");
        write(jdbi, "usage removed", "DELETE FROM ark.task_usage WHERE task_id LIKE 'cgt-p0005%'");
        write(jdbi, "usage reported late", """
                INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
                SELECT id, 0, 123457, now() FROM ark.tasks t
                WHERE NOT EXISTS (SELECT 1 FROM ark.task_usage u WHERE u.task_id = t.id)""");
        write(jdbi, "a task and its usage written in one statement, as the sync does", """
                WITH task AS (
                    INSERT INTO ark.tasks (id, account, model, status, service_tier, created_at, first_seen_at,
                                           last_seen_at, last_changed_at, raw)
                    VALUES ('cgt-one-statement', 'team-a', 'doubao-seedance-1-0-pro-250528', 'succeeded', 'default',
                            '2026-11-15T11:59:59Z', now(), now(), now(), '{}')
                    RETURNING id)
                INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
                VALUES ('cgt-one-statement', 31, 31, now())""");
        write(jdbi, "gone-marking", "UPDATE ark.tasks SET gone_at = now() WHERE id LIKE 'cgt-p0006%'");
        write(jdbi, "tasks deleted", "DELETE FROM ark.tasks WHERE id LIKE 'cgt-p0007%'");
        write(jdbi, "usage of a deleted task deleted", "DELETE FROM ark.task_usage WHERE task_id LIKE 'cgt-p0007%'");

        // and prices, which apply when the report runs
        write(jdbi, "a more specific row", """
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                              resolution)
                VALUES ('doubao-seedance-1-0-pro-250528', 'default', 'USD', 3.125, '2026-10-01T00:00:00Z', '1080p')""");
        write(jdbi, "a per-task price from 06:30 on a day", """
                UPDATE ark.model_prices SET valid_to = '2026-11-02T06:30:00Z'
                WHERE model = 'doubao-seedance-1-0-lite-t2v-250428' AND service_tier = 'flex';
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from, unit)
                VALUES ('doubao-seedance-1-0-lite-t2v-250428', 'flex', 'USD', 0.070, '2026-11-02T06:30:00Z', 'task')""");
        write(jdbi, "another currency for the model that had none", """
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from)
                VALUES ('seedance-1-5-pro-251215', 'default', 'CNY', 17.3, '2026-11-20T17:00:00Z')""");
        write(jdbi, "an assumption and rows that depend on it", """
                INSERT INTO ark.price_assumptions (account, model, with_video_input)
                VALUES ('team-b', 'seedance-1-5-pro-251215', true);
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                              with_video_input)
                VALUES ('seedance-1-5-pro-251215', 'default', 'CNY', 28, '2026-11-20T17:00:00Z', true)""");

        write(jdbi, "usage truncated", "TRUNCATE ark.task_usage");
        write(jdbi, "tasks truncated", "TRUNCATE ark.tasks");
        assertThat(count(jdbi, "SELECT count(*) FROM ark.task_cost_inputs")).isZero();
    }

    @Test
    void shouldGiveTheFiguresOfTaskCostsAfterASyncAChangedTaskAndGoneMarking() {
        // given
        SyncHarness harness = new SyncHarness();
        opened.add(harness);
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(300, 5L, Instant.parse("2026-11-20T12:00:00Z"));
        harness.api().putAll(tasks);
        assertThat(harness.sync()).isZero();
        Jdbi jdbi = harness.jdbi().installPlugin(new SqlObjectPlugin());
        write(jdbi, "prices of every model", """
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from)
                SELECT DISTINCT model, service_tier, 'USD', 1.7, timestamptz '2020-01-01T00:00:00Z' FROM ark.tasks""");
        assertThat(count(jdbi, "SELECT count(*) FROM ark.task_cost_inputs")).isEqualTo(300);

        // when: the API reports tasks finished, with usage, and one vanished
        Changed changed = finishOneAndChangeAnothersUsage(harness, tasks);
        harness.api().remove(tasks.get(tasks.size() - 1).id());
        assertThat(harness.sync("--full")).isZero();  // a full run sees the finished task's new usage too

        // then
        assertSameFigures(jdbi, "after the second sync");
        assertThat(count(jdbi, "SELECT count(*) FROM ark.task_cost_inputs WHERE task_id = '" + changed.finished().id()
                + "' AND status = 'succeeded' AND total_tokens = 108900")).isEqualTo(1);
        assertThat(count(jdbi, "SELECT count(*) FROM ark.task_cost_inputs WHERE task_id = '"
                + changed.usageChanged().id() + "' AND total_tokens = 77777")).isEqualTo(1);
    }

    @Test
    void shouldBeWrittenByTheSyncsOwnStatementWithoutTheTriggers() {
        // given: the triggers off, so that only the sync's merge statement can write the narrow rows (V23)
        SyncHarness harness = new SyncHarness();
        opened.add(harness);
        Jdbi jdbi = harness.jdbi().installPlugin(new SqlObjectPlugin());
        jdbi.useHandle(h -> h.execute("ALTER TABLE ark.tasks DISABLE TRIGGER USER; "
                + "ALTER TABLE ark.task_usage DISABLE TRIGGER USER"));
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(300, 7L, Instant.parse("2026-11-20T12:00:00Z"));
        harness.api().putAll(tasks);

        // when: a first sync, then a full one that finds a task finished with usage and new usage of another
        assertThat(harness.sync()).isZero();
        assertSameFigures(jdbi, "after the first sync, without triggers");
        Changed changed = finishOneAndChangeAnothersUsage(harness, tasks);
        assertThat(harness.sync("--full")).isZero();

        // then
        assertSameFigures(jdbi, "after the second sync, without triggers");
        assertThat(count(jdbi, "SELECT count(*) FROM ark.task_cost_inputs")).isEqualTo(300);
        assertThat(count(jdbi, "SELECT count(*) FROM ark.task_cost_inputs WHERE task_id = '" + changed.finished().id()
                + "' AND status = 'succeeded' AND total_tokens = 108900")).isEqualTo(1);
    }

    /** The two tasks {@link #finishOneAndChangeAnothersUsage} changed at the simulated API. */
    private record Changed(SimulatedTask finished, SimulatedTask usageChanged) {
    }

    /**
     * At the simulated API: the first unfinished task succeeds with 108,900 tokens, and the first succeeded one
     * reports new usage (77,777 tokens).
     */
    private static Changed finishOneAndChangeAnothersUsage(SyncHarness harness, List<SimulatedTask> tasks) {
        SimulatedTask unfinished = tasks.stream().filter(t -> "running".equals(t.status()) || "queued".equals(t.status()))
            .findFirst().orElseThrow();
        harness.api().put(unfinished.withStatus("succeeded", unfinished.updatedAt() + 90)
            .withUsage(108_900L, 108_900L, unfinished.updatedAt() + 90));
        SimulatedTask succeeded = tasks.stream().filter(t -> "succeeded".equals(t.status())).findFirst().orElseThrow();
        harness.api().put(succeeded.withUsage(1L, 77_777L, succeeded.updatedAt()));
        return new Changed(unfinished, succeeded);
    }

    private static void write(Jdbi jdbi, String what, String sql) {
        jdbi.useTransaction(h -> h.createScript(sql).execute());
        assertSameFigures(jdbi, "after " + what);
    }

    private static void assertSameFigures(Jdbi jdbi, String when) {
        assertThat(count(jdbi, "SELECT count(*) FROM ((" + EXPECTED_INPUTS + ") EXCEPT ALL (" + STORED_INPUTS + ")) d"))
            .as("tasks missing from or outdated in ark.task_cost_inputs %s", when).isZero();
        assertThat(count(jdbi, "SELECT count(*) FROM ((" + STORED_INPUTS + ") EXCEPT ALL (" + EXPECTED_INPUTS + ")) d"))
            .as("rows of ark.task_cost_inputs without their task %s", when).isZero();
        COST_VIEWS_BEFORE_V24.forEach((view, before) -> {
            // budget_status asks now(): one transaction, one now() for both
            long[] differing = jdbi.inTransaction(h -> new long[] {
                h.createQuery("SELECT count(*) FROM (SELECT * FROM ark." + view + " EXCEPT ALL (" + before + ")) d")
                    .mapTo(Long.class).one(),
                h.createQuery("SELECT count(*) FROM ((" + before + ") EXCEPT ALL SELECT * FROM ark." + view + ") d")
                    .mapTo(Long.class).one() });
            assertThat(differing).as("rows of ark.%s not as its definition before V24 gives them, and rows it lacks, %s",
                    view, when).containsExactly(0L, 0L);
        });
        ReportDao dao = jdbi.onDemand(ReportDao.class);
        LocalDate from = LocalDate.parse("2020-01-01");
        LocalDate to = LocalDate.parse("2027-12-31");
        for (List<ReportGrouping> by : GROUPINGS) {
            for (String account : new String[] { null, "team-a" }) {
                String keys = ReportPartMapper.keys(by);
                String ordinals = ReportPartMapper.ordinals(by);
                List<ReportPart> reference = jdbi.withHandle(h -> h
                    .createQuery(PARTS_OVER_THE_VIEW.formatted(keys, ordinals, ordinals))
                    .bind("from", from).bind("to", to).bind("account", account)
                    .map(new ReportPartMapper()).list());
                assertThat(dao.parts(keys, ordinals, from, to, account, ReportOptions.DEMO_ACCOUNT))
                    .as("report --by %s%s %s", by, account == null ? "" : " --account " + account, when)
                    .isEqualTo(reference);
            }
        }
        assertThat(dao.parts(ReportPartMapper.keys(List.of(ReportGrouping.DAY)),
                ReportPartMapper.ordinals(List.of(ReportGrouping.DAY)), LocalDate.parse("2026-11-15"),
                LocalDate.parse("2026-11-15"), null, ReportOptions.DEMO_ACCOUNT))
            .as("one day %s", when)
            .isEqualTo(jdbi.withHandle(h -> h.createQuery(PARTS_OVER_THE_VIEW.formatted("day::text AS k0", "1, 2", "1, 2"))
                .bind("from", LocalDate.parse("2026-11-15")).bind("to", LocalDate.parse("2026-11-15"))
                .bind("account", (String) null).map(new ReportPartMapper()).list()));
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}

package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report prices groups of tasks, not tasks (issue 22's speed goal): its figures must stay those of
 * {@code ark.task_costs}, summed task by task, on data where that is hard: several price periods (one boundary inside
 * a day), rows with dimensions of different specificity, a price per task, an assumption about video input, two
 * currencies, unpriced tasks, tasks without usage and unfinished ones.
 */
class ReportPricingIT {

    private static final LocalDate FROM = LocalDate.parse("2026-10-01");

    private static final LocalDate TO = LocalDate.parse("2026-12-31");

    /** The report's query before issue 22's speed-up: the reference, one price lookup per task. */
    private static final String TASK_BY_TASK = """
            SELECT %s, currency,
                   count(*)                                           AS tasks,
                   count(*) FILTER (WHERE has_usage)                  AS tasks_with_usage,
                   sum(completion_tokens)::bigint                     AS completion_tokens,
                   sum(total_tokens)::bigint                          AS total_tokens,
                   sum(cost)                                          AS cost,
                   count(*) FILTER (WHERE has_usage AND unpriced)     AS unpriced_tasks,
                   (sum(total_tokens) FILTER (WHERE unpriced))::bigint AS unpriced_tokens,
                   count(*) FILTER (WHERE status = 'succeeded' AND NOT has_usage) AS usage_missing
            FROM ark.task_costs
            WHERE day BETWEEN :from AND :to AND (CAST(:account AS text) IS NULL OR account = :account)
            GROUP BY %s, currency
            """;

    private static TestDatabase database;

    private static Jdbi jdbi;

    @BeforeAll
    static void insertTasksAndPrices() {
        database = TestDatabase.create();
        jdbi = PricedTasks.migrate(database).installPlugin(new SqlObjectPlugin());
        jdbi.useTransaction(h -> {
            h.execute("""
                    INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                                  valid_to, generate_audio, resolution, draft, with_video_input, unit)
                    VALUES -- a price change at noon, a cheaper silent row, a dearer silent 1080p row for November
                           ('m-audio', 'default', 'USD', 2.00, '2026-10-01', '2026-11-15 12:00Z', NULL, NULL, NULL, NULL,
                            'million_tokens'),
                           ('m-audio', 'default', 'USD', 2.50, '2026-11-15 12:00Z', NULL, NULL, NULL, NULL, NULL,
                            'million_tokens'),
                           ('m-audio', 'default', 'USD', 1.10, '2026-10-01', NULL, false, NULL, NULL, NULL,
                            'million_tokens'),
                           ('m-audio', 'default', 'USD', 3.30, '2026-11-01', '2026-12-01', false, '1080p', NULL, NULL,
                            'million_tokens'),
                           -- other tier, other currency, a draft row
                           ('m-audio', 'flex', 'CNY', 7.00, '2026-10-20', NULL, NULL, NULL, NULL, NULL, 'million_tokens'),
                           ('m-draft', 'default', 'USD', 1.80, '2026-10-01', NULL, NULL, NULL, NULL, NULL, 'million_tokens'),
                           ('m-draft', 'default', 'USD', 0.45, '2026-10-01', NULL, NULL, NULL, true, NULL, 'million_tokens'),
                           -- a price per task from mid-October, dearer with video input (assumed for team-b)
                           ('m-task', 'default', 'USD', 0.35, '2026-10-15', NULL, NULL, NULL, NULL, NULL, 'task'),
                           ('m-task', 'default', 'USD', 0.90, '2026-10-15', NULL, NULL, NULL, NULL, true, 'task')""");
            h.execute("INSERT INTO ark.price_assumptions (account, model, with_video_input) VALUES ('team-b', 'm-task', true)");
            h.execute("SELECT setseed(0.22)");
            h.execute("""
                    INSERT INTO ark.tasks (id, account, model, status, service_tier, created_at, updated_at,
                                           first_seen_at, last_seen_at, last_changed_at, raw, safety_identifier,
                                           generate_audio, resolution, draft)
                    SELECT 'cgt-' || n,
                           (ARRAY['team-a', 'team-b'])[1 + floor(random() * 2)::int],
                           (ARRAY['m-audio', 'm-draft', 'm-task', 'm-unpriced'])[1 + floor(random() * 4)::int],
                           (ARRAY['succeeded', 'succeeded', 'succeeded', 'failed', 'expired', 'cancelled', 'running',
                                  'queued'])[1 + floor(random() * 8)::int],
                           (ARRAY['default', 'default', 'flex'])[1 + floor(random() * 3)::int],
                           created_at, created_at, now(), now(), now(), '{}',
                           (ARRAY['alice', 'bob', 'carol', NULL])[1 + floor(random() * 4)::int],
                           (ARRAY[true, false, NULL])[1 + floor(random() * 3)::int],
                           (ARRAY['480p', '720p', '1080p', NULL])[1 + floor(random() * 4)::int],
                           (ARRAY[true, false, NULL])[1 + floor(random() * 3)::int]
                    FROM (SELECT n, timestamptz '2026-09-28 00:00Z' + random() * interval '95 days' AS created_at
                          FROM generate_series(1, 4000) AS g(n)) AS draws""");
            // usage: most succeeded tasks (not all: usage missing), some failed ones with zero tokens
            h.execute("""
                    INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
                    SELECT id, tokens, tokens + 7, now()
                    FROM (SELECT id, status, random() AS r, 1000 + floor(random() * 400000)::bigint AS tokens
                          FROM ark.tasks) AS t
                    WHERE (status = 'succeeded' AND r < 0.9) OR (status = 'failed' AND r < 0.5)""");
        });
        // the data exercises what it is meant to
        int priceRowsUsed = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(DISTINCT price_id) FILTER (WHERE day BETWEEN '2026-10-01' AND '2026-12-31')
                FROM ark.task_costs""").mapTo(Integer.class).one());
        assertThat(priceRowsUsed).as("price rows used").isEqualTo(9);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "day", "month,account", "model,tier", "status", "account,user,model",
            "model,month,status"})
    void shouldReportTheCostsThatTaskCostsSumsTaskByTask(String by) {
        // given
        List<ReportGrouping> groupings = new ArrayList<>();
        for (String option : by.split(",")) {
            groupings.add(ReportGrouping.valueOf(option.toUpperCase()));
        }
        for (String account : new String[] {null, "team-b"}) {
            // when
            List<ReportPart> parts = jdbi.withExtension(ReportDao.class, dao -> dao.parts(
                    ReportPartMapper.keys(groupings), ReportPartMapper.aliases(groupings), FROM, TO, account));

            // then: the same groups, in the same order, with the same figures (amounts equal, trailing zeros aside)
            List<ReportPart> expected = taskByTask(groupings, account);
            assertThat(parts).as("--by %s, account %s", by, account).hasSize(expected.size());
            assertThat(parts.stream().filter(p -> p.currency() != null).map(ReportPart::currency)
                    .collect(Collectors.toSet())).containsExactlyInAnyOrder("USD", "CNY");
            for (int i = 0; i < expected.size(); i++) {
                assertThat(comparable(parts.get(i))).as("--by %s, account %s", by, account)
                    .isEqualTo(comparable(expected.get(i)));
            }
        }
    }

    private static List<ReportPart> taskByTask(List<ReportGrouping> groupings, String account) {
        String keys = ReportPartMapper.keys(groupings);
        String aliases = ReportPartMapper.aliases(groupings);
        return jdbi.withHandle(h -> h.createQuery(TASK_BY_TASK.formatted(keys, aliases) + " ORDER BY " + aliases
                + ", currency").bind("from", FROM).bind("to", TO).bind("account", account)
            .map(new ReportPartMapper()).list());
    }

    /** The part with its cost stripped of trailing zeros, so that equal amounts compare equal. */
    private static ReportPart comparable(ReportPart part) {
        BigDecimal cost = part.cost() == null ? null : part.cost().stripTrailingZeros();
        return new ReportPart(part.keys(), part.currency(), part.tasks(), part.tasksWithUsage(),
                part.completionTokens(), part.totalTokens(), cost, part.unpricedTasks(), part.unpricedTokens(),
                part.usageMissing());
    }
}

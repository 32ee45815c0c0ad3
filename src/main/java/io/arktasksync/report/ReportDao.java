package io.arktasksync.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Reads the reporting views; never writes, never calls the API. */
public interface ReportDao {

    /**
     * The rows of {@code ark.task_costs} for the tasks created on the UTC days {@code :from..:to} (of {@code :account}
     * when not null, else of every account but {@code :demo}), as a CTE {@code task_costs} with the view's columns the report uses, each priced by the view's
     * rule: read from {@code ark.task_cost_inputs} (one narrow row per task, usage joined), and priced once per price
     * key and price period instead of once per task. A price period is a stretch of time between two consecutive
     * {@code valid_from}/{@code valid_to} of any price: within one, the row that prices a key cannot change.
     * {@code -infinity} opens the first, so that {@code width_bucket} numbers every task's period from 1.
     * TaskCostInputsIT holds the figures equal to the view's, scale of every amount included. Not a read of V24's
     * {@code ark.task_costs_from_inputs}, which prices the same way: that view names every task's assumption, the
     * report only those a matched price row depends on (what it footnotes).
     */
    String COSTS = """
            WITH price_periods AS MATERIALIZED (
                SELECT array_agg(DISTINCT bound ORDER BY bound) AS bounds
                FROM (SELECT '-infinity'::timestamptz
                      UNION ALL SELECT valid_from FROM ark.model_prices
                      UNION ALL SELECT valid_to FROM ark.model_prices WHERE valid_to IS NOT NULL) AS b(bound)
            ),
            key_prices AS (
                SELECT k.price_key, s.period::integer AS period, p.currency, p.unit, p.price_per_million_tokens AS unit_price,
                       -- set only where the matched row depends on it: what the report footnotes
                       CASE WHEN p.with_video_input IS NOT NULL
                            THEN ark.assumed_with_video_input(k.account, k.model) END AS assumed_with_video_input
                FROM ark.task_price_keys k
                CROSS JOIN price_periods
                CROSS JOIN LATERAL unnest(price_periods.bounds) WITH ORDINALITY AS s(period_start, period)
                -- the lateral of ark.task_costs, asked at the start of the period
                JOIN LATERAL (
                    SELECT p.*
                    FROM ark.model_prices p
                    WHERE p.model = k.model
                      AND p.service_tier = k.service_tier
                      AND p.valid_from <= s.period_start
                      AND (p.valid_to IS NULL OR s.period_start < p.valid_to)
                      AND (p.generate_audio IS NULL OR p.generate_audio = k.generate_audio)
                      AND (p.resolution IS NULL OR p.resolution = k.resolution)
                      AND (p.draft IS NULL OR p.draft = k.draft)
                      AND (p.with_video_input IS NULL
                           OR p.with_video_input = ark.assumed_with_video_input(k.account, k.model))
                    ORDER BY p.specificity DESC
                    LIMIT 1
                ) p ON true
            ),
            task_costs AS (
                SELECT i.day, date_trunc('month', i.day)::date AS month, i.account, i.model, i.service_tier, i.status,
                       i.safety_identifier, i.has_usage, i.completion_tokens, i.total_tokens, p.currency,
                       p.currency IS NULL AS unpriced, p.assumed_with_video_input,
                       CASE WHEN p.unit = 'task'
                            THEN CASE WHEN i.status = 'succeeded' THEN p.unit_price
                                      WHEN i.status IN ('failed', 'expired', 'cancelled') THEN 0 END
                            ELSE trim_scale(i.total_tokens * p.unit_price * 0.000001)
                       END AS cost
                FROM ark.task_cost_inputs i
                LEFT JOIN key_prices p ON p.price_key = i.price_key
                                      AND p.period = width_bucket(i.created_at, (SELECT bounds FROM price_periods))
                WHERE i.day BETWEEN :from AND :to
                  AND (i.account = :account OR CAST(:account AS text) IS NULL AND i.account <> :demo)
            )
            """;

    /**
     * Usage and cost of the tasks created on the UTC days {@code from..to}, one part per group and currency (the
     * group's unpriced tasks last, with a null currency), groups in order (days chronologically; tasks without a
     * value last).
     *
     * @param keys the grouping expressions aliased k0, k1, ... from {@link ReportGrouping#expression()}: spliced
     *        into the SQL, so never user input
     * @param ordinals the positions of the keys and of the currency, e.g. {@code 1, 2, 3}
     * @param account only this account's tasks; null: every account but the demo's
     * @param demo the demo's account ({@link ReportOptions#DEMO_ACCOUNT}), left out unless named
     */
    @SqlQuery(COSTS + """
            SELECT <keys>,
                   currency,
                   count(*)                                           AS tasks,
                   count(*) FILTER (WHERE has_usage)                  AS tasks_with_usage,
                   sum(completion_tokens)::bigint                     AS completion_tokens,
                   sum(total_tokens)::bigint                          AS total_tokens,
                   sum(cost)                                          AS cost,
                   count(*) FILTER (WHERE has_usage AND unpriced)     AS unpriced_tasks,
                   (sum(total_tokens) FILTER (WHERE unpriced))::bigint AS unpriced_tokens,
                   count(*) FILTER (WHERE status = 'succeeded' AND NOT has_usage) AS usage_missing
            FROM task_costs
            GROUP BY <ordinals>
            ORDER BY <ordinals>
            """)
    @UseRowMapper(ReportPartMapper.class)
    List<ReportPart> parts(@Define("keys") String keys, @Define("ordinals") String ordinals, @Bind("from") LocalDate from,
            @Bind("to") LocalDate to, @Bind("account") String account, @Bind("demo") String demo);

    /**
     * The assumptions of {@code ark.price_assumptions} that priced tasks created in the range, per account and model
     * (empty, without reading a task, while no price row depends on one).
     */
    @SqlQuery(COSTS + """
            SELECT account, model, assumed_with_video_input AS with_video_input, count(*) AS tasks
            FROM task_costs
            WHERE assumed_with_video_input IS NOT NULL
              AND EXISTS (SELECT 1 FROM ark.model_prices WHERE with_video_input IS NOT NULL)
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """)
    @RegisterConstructorMapper(AppliedAssumption.class)
    List<AppliedAssumption> assumptions(@Bind("from") LocalDate from, @Bind("to") LocalDate to,
            @Bind("account") String account, @Bind("demo") String demo);

    /** Outcomes of the tasks created in the range, for the failure and expiry rates. */
    @SqlQuery("""
            SELECT count(*)                                                                   AS tasks,
                   count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'expired', 'cancelled')) AS finished,
                   count(*) FILTER (WHERE status = 'failed')                                  AS failed,
                   count(*) FILTER (WHERE status = 'expired')                                 AS expired
            FROM ark.task_cost_inputs
            WHERE day BETWEEN :from AND :to
              AND (account = :account OR CAST(:account AS text) IS NULL AND account <> :demo)
            """)
    @RegisterConstructorMapper(Overview.Outcomes.class)
    Overview.Outcomes outcomes(@Bind("from") LocalDate from, @Bind("to") LocalDate to, @Bind("account") String account,
            @Bind("demo") String demo);

    /** When the last sync of the reported accounts that ended with exit code 0 finished; null when none did. */
    @SqlQuery("""
            SELECT max(finished_at) FROM ark.sync_runs
            WHERE exit_code = 0
              AND (account = :account OR CAST(:account AS text) IS NULL AND account <> :demo)
            """)
    Instant lastSuccessfulSync(@Bind("account") String account, @Bind("demo") String demo);

    /** Whether any task was ever synced: tells an empty range from an empty database. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM ark.tasks)")
    boolean anyTask();

    /** Whether a task of another account than this one was ever synced: tells a demo-only database apart. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM ark.tasks WHERE account <> :account)")
    boolean anyTaskNotOf(@Bind("account") String account);
}

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
     * Usage and cost of the tasks created on the UTC days {@code from..to}, one part per group and currency (the
     * group's unpriced tasks last, with a null currency), groups in order (days chronologically; tasks without a
     * value last). The amounts equal the sums over {@code ark.task_costs} (trailing zeros trimmed), but a price is
     * looked up once per group of tasks that must get the same one, not once per task: the same model and tier, the
     * same price dimensions, created between the same two instants at which a price starts or ends (tens of
     * thousands of lookups instead of 500,000; issue 22's one-second report). The lookup and the cost rules are
     * those of {@code ark.task_costs} (db/V17), applied to a group's sums: tokens x price per million, or price x
     * succeeded tasks for a per-task price (0 when the group's finished tasks all failed, NULL when none finished).
     *
     * @param keys the grouping expressions aliased k0, k1, ... from {@link ReportGrouping#expression()}: spliced
     *        into the SQL, so never user input
     * @param aliases the keys' aliases, e.g. {@code k0, k1}
     * @param account only this account's tasks; null: every account
     */
    @SqlQuery("""
            WITH price_boundaries AS (
                SELECT coalesce(array_agg(instant ORDER BY instant), '{}') AS instants
                FROM (SELECT valid_from AS instant FROM ark.model_prices
                      UNION SELECT valid_to FROM ark.model_prices WHERE valid_to IS NOT NULL) AS b
            ), task_rows AS (  -- the columns of ark.task_costs that the keys and the price lookup use
                SELECT (t.created_at AT TIME ZONE 'UTC')::date                   AS day,
                       date_trunc('month', t.created_at AT TIME ZONE 'UTC')::date AS month,
                       t.account, t.model, t.service_tier, t.status, t.safety_identifier, t.created_at,
                       t.generate_audio, t.resolution, t.draft,
                       u.task_id IS NOT NULL AS has_usage, u.completion_tokens, u.total_tokens
                FROM ark.tasks t
                LEFT JOIN ark.task_usage u ON u.task_id = t.id
                WHERE (t.created_at AT TIME ZONE 'UTC')::date BETWEEN :from AND :to
                  AND (CAST(:account AS text) IS NULL OR t.account = :account)
            ), price_groups AS (
                SELECT <keys>,
                       account, model, service_tier, generate_audio, resolution, draft,
                       -- any task of the group will do: the same prices are in force for all of them
                       min(created_at)                                                      AS created_at,
                       count(*)                                                             AS tasks,
                       count(*) FILTER (WHERE has_usage)                                    AS tasks_with_usage,
                       sum(completion_tokens)                                               AS completion_tokens,
                       sum(total_tokens)                                                    AS total_tokens,
                       count(*) FILTER (WHERE status = 'succeeded')                         AS succeeded,
                       count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'expired', 'cancelled')) AS finished,
                       count(*) FILTER (WHERE status = 'succeeded' AND NOT has_usage)       AS usage_missing
                FROM task_rows, price_boundaries
                GROUP BY <aliases>, account, model, service_tier, generate_audio, resolution, draft,
                         width_bucket(created_at, price_boundaries.instants)
            ), priced AS (
                SELECT g.*, p.currency,
                       CASE WHEN p.unit = 'task'
                            THEN CASE WHEN g.finished > 0 THEN p.price_per_million_tokens * g.succeeded END
                            ELSE g.total_tokens * p.price_per_million_tokens * 0.000001
                       END AS cost
                FROM price_groups g
                LEFT JOIN LATERAL (
                    SELECT p.currency, p.unit, p.price_per_million_tokens
                    FROM ark.model_prices p
                    WHERE p.model = g.model
                      AND p.service_tier = g.service_tier
                      AND p.valid_from <= g.created_at
                      AND (p.valid_to IS NULL OR g.created_at < p.valid_to)
                      AND (p.generate_audio IS NULL OR p.generate_audio = g.generate_audio)
                      AND (p.resolution IS NULL OR p.resolution = g.resolution)
                      AND (p.draft IS NULL OR p.draft = g.draft)
                      AND (p.with_video_input IS NULL
                           OR p.with_video_input = ark.assumed_with_video_input(g.account, g.model))
                    ORDER BY p.specificity DESC
                    LIMIT 1
                ) p ON true
            )
            SELECT <aliases>,
                   currency,
                   sum(tasks)::bigint                                              AS tasks,
                   sum(tasks_with_usage)::bigint                                   AS tasks_with_usage,
                   sum(completion_tokens)::bigint                                  AS completion_tokens,
                   sum(total_tokens)::bigint                                       AS total_tokens,
                   trim_scale(sum(cost))                                           AS cost,
                   coalesce(sum(tasks_with_usage) FILTER (WHERE currency IS NULL), 0)::bigint AS unpriced_tasks,
                   (sum(total_tokens) FILTER (WHERE currency IS NULL))::bigint     AS unpriced_tokens,
                   sum(usage_missing)::bigint                                      AS usage_missing
            FROM priced
            GROUP BY <aliases>, currency
            ORDER BY <aliases>, currency
            """)
    @UseRowMapper(ReportPartMapper.class)
    List<ReportPart> parts(@Define("keys") String keys, @Define("aliases") String aliases, @Bind("from") LocalDate from,
            @Bind("to") LocalDate to, @Bind("account") String account);

    /** Outcomes of the tasks created in the range, for the failure and expiry rates. */
    @SqlQuery("""
            SELECT count(*)                                                                   AS tasks,
                   count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'expired', 'cancelled')) AS finished,
                   count(*) FILTER (WHERE status = 'failed')                                  AS failed,
                   count(*) FILTER (WHERE status = 'expired')                                 AS expired
            FROM ark.task_costs
            WHERE day BETWEEN :from AND :to
              AND (CAST(:account AS text) IS NULL OR account = :account)
            """)
    @RegisterConstructorMapper(Overview.Outcomes.class)
    Overview.Outcomes outcomes(@Bind("from") LocalDate from, @Bind("to") LocalDate to, @Bind("account") String account);

    /** When the last sync that ended with exit code 0 finished; null when none did. */
    @SqlQuery("SELECT max(finished_at) FROM ark.sync_runs WHERE exit_code = 0")
    Instant lastSuccessfulSync();

    /** Whether any task was ever synced: tells an empty range from an empty database. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM ark.tasks)")
    boolean anyTask();
}

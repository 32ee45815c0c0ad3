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
     * value last).
     *
     * @param keys the grouping expressions aliased k0, k1, ... from {@link ReportGrouping#expression()}: spliced
     *        into the SQL, so never user input
     * @param ordinals the positions of the keys and of the currency, e.g. {@code 1, 2, 3}
     * @param account only this account's tasks; null: every account but the demo's
     * @param demo the demo's account ({@link ReportOptions#DEMO_ACCOUNT}), left out unless named
     */
    @SqlQuery("""
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
            FROM ark.task_costs
            WHERE day BETWEEN :from AND :to
              AND (account = :account OR CAST(:account AS text) IS NULL AND account <> :demo)
            GROUP BY <ordinals>
            ORDER BY <ordinals>
            """)
    @UseRowMapper(ReportPartMapper.class)
    List<ReportPart> parts(@Define("keys") String keys, @Define("ordinals") String ordinals, @Bind("from") LocalDate from,
            @Bind("to") LocalDate to, @Bind("account") String account, @Bind("demo") String demo);

    /** Outcomes of the tasks created in the range, for the failure and expiry rates. */
    @SqlQuery("""
            SELECT count(*)                                                                   AS tasks,
                   count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'expired', 'cancelled')) AS finished,
                   count(*) FILTER (WHERE status = 'failed')                                  AS failed,
                   count(*) FILTER (WHERE status = 'expired')                                 AS expired
            FROM ark.task_costs
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

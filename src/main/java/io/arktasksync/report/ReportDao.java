package io.arktasksync.report;

import java.time.LocalDate;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the reporting views; never writes, never calls the API. */
public interface ReportDao {

    /**
     * Usage of the tasks created on the UTC days {@code from..to}, one row per value of {@code column}, in order
     * (days chronologically; tasks without a value last).
     *
     * @param column a column of {@code ark.daily_token_usage} from {@link ReportGrouping#column()}: spliced into
     *        the SQL, so never user input
     */
    @SqlQuery("""
            SELECT <column>::text                   AS key,
                   sum(tasks)::bigint               AS tasks,
                   sum(tasks_with_usage)::bigint    AS tasks_with_usage,
                   sum(completion_tokens)::bigint   AS completion_tokens,
                   sum(total_tokens)::bigint        AS total_tokens
            FROM ark.daily_token_usage
            WHERE day BETWEEN :from AND :to
            GROUP BY 1
            ORDER BY 1
            """)
    @RegisterConstructorMapper(ReportRow.class)
    List<ReportRow> usage(@Define("column") String column, @Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Whether any task was ever synced: tells an empty range from an empty database. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM ark.tasks)")
    boolean anyTask();
}

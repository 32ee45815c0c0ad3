package io.arktasksync.report;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Reads {@code ark.focus_costs} for {@code report --format focus-csv}. */
public interface FocusDao {

    /** The view's column names, in its order: the export's header. */
    @SqlQuery("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'ark' AND table_name = 'focus_costs' ORDER BY ordinal_position
            """)
    List<String> columns();

    /**
     * The rows of the tasks created on the UTC days {@code from..to}, each as a csv line, streamed: call it in a
     * transaction, so that PostgreSQL sends them in batches instead of all at once.
     *
     * @param account only this account's tasks; null: every account but the demo's
     * @param demo the demo's account ({@link ReportOptions#DEMO_ACCOUNT}), left out unless named
     */
    @SqlQuery("""
            SELECT * FROM ark.focus_costs
            WHERE "x_Day" BETWEEN :from AND :to
              AND ("BillingAccountId" = :account OR CAST(:account AS text) IS NULL AND "BillingAccountId" <> :demo)
            ORDER BY "x_Day", "ResourceId"
            """)
    @FetchSize(1_000)
    @UseRowMapper(FocusCsvLine.class)
    Stream<String> lines(@Bind("from") LocalDate from, @Bind("to") LocalDate to, @Bind("account") String account,
            @Bind("demo") String demo);
}

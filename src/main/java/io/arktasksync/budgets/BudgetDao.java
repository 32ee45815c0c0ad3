package io.arktasksync.budgets;

import java.math.BigDecimal;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/** Writes {@code ark.budgets} (maintained by the user, like prices) and reads {@code ark.budget_status}. */
public interface BudgetDao extends Transactional<BudgetDao> {

    @SqlUpdate("""
            INSERT INTO ark.budgets (name, scope, scope_value, period, amount, currency)
            VALUES (:name, :scope, :scopeValue, :period, :amount, :currency)
            ON CONFLICT (name) DO UPDATE SET scope = excluded.scope, scope_value = excluded.scope_value,
                                             period = excluded.period, amount = excluded.amount,
                                             currency = excluded.currency
            """)
    int upsert(@Bind("name") String name, @Bind("scope") String scope, @Bind("scopeValue") String scopeValue,
            @Bind("period") String period, @Bind("amount") BigDecimal amount, @Bind("currency") String currency);

    /** Every budget in its current period, by name. */
    @SqlQuery("""
            SELECT name, scope, scope_value, period, amount, unit, period_start, period_end, spent, remaining,
                   share_used, projected, unpriced_tasks
            FROM ark.budget_status ORDER BY name
            """)
    @RegisterConstructorMapper(BudgetStatus.class)
    List<BudgetStatus> status();
}

package io.arktasksync.budgets;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of {@code ark.budget_status}: a budget in its current period.
 *
 * @param unit the currency, or {@code tokens}
 * @param shareUsed spent / amount: 1 when all is used
 * @param projected spent at the period's end if the rate so far goes on
 * @param unpricedTasks tasks with usage but no price, missing from {@code spent}
 */
public record BudgetStatus(String name, String scope, String scopeValue, String period, BigDecimal amount, String unit,
        Instant periodStart, Instant periodEnd, BigDecimal spent, BigDecimal remaining, double shareUsed,
        double projected, long unpricedTasks) {
}

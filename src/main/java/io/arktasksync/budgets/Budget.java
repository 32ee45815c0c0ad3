package io.arktasksync.budgets;

import java.math.BigDecimal;

/**
 * A row of {@code ark.budgets}.
 *
 * @param scopeValue the account, model or end user; null for the scope {@code all}
 * @param currency ISO 4217; null: the amount is total tokens
 */
public record Budget(String name, String scope, String scopeValue, String period, BigDecimal amount, String currency) {
}

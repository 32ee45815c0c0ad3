package io.arktasksync.budgets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a budget list: the header {@code name,scope,scope_value,period,amount,currency}, then one budget per line.
 * {@code scope} is all, account, model or user (end user, safety_identifier), with the account, model or end user in
 * {@code scope_value} (empty for all); {@code period} is day or month (UTC); an empty {@code currency} makes the
 * amount total tokens. Lines starting with {@code #} and blank lines are skipped. Every line is checked before
 * anything is written.
 */
final class BudgetCsv {

    static final String HEADER = "name,scope,scope_value,period,amount,currency";

    private static final Set<String> SCOPES = Set.of("all", "account", "model", "user");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private BudgetCsv() {
    }

    /** @throws IllegalArgumentException one line naming the file's line and what is wrong */
    static List<Budget> parse(String file, List<String> lines) {
        List<Budget> budgets = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "budgets: " + file + " line " + (i + 1) + ": ";
            if (!header) {
                if (!line.replace(" ", "").equals(HEADER)) {
                    throw new IllegalArgumentException(where + "the first line must be the header " + HEADER);
                }
                header = true;
                continue;
            }
            budgets.add(budget(where, line.split(",", -1)));
        }
        if (!header) {
            throw new IllegalArgumentException("budgets: " + file + " has no header line " + HEADER);
        }
        return budgets;
    }

    private static Budget budget(String where, String[] fields) {
        if (fields.length != 6) {
            throw new IllegalArgumentException(where + "expected 6 fields, found " + fields.length);
        }
        String name = fields[0].strip();
        String scope = fields[1].strip();
        String scopeValue = fields[2].strip();
        String period = fields[3].strip();
        String currency = fields[5].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + "name is empty");
        }
        if (!SCOPES.contains(scope)) {
            throw new IllegalArgumentException(where + "scope '" + scope + "' is not all, account, model or user");
        }
        if (scope.equals("all") != scopeValue.isEmpty()) {
            throw new IllegalArgumentException(where + (scope.equals("all") ? "scope all takes no scope_value"
                    : "scope " + scope + " needs a scope_value (the " + scope + ")"));
        }
        if (!period.equals("day") && !period.equals("month")) {
            throw new IllegalArgumentException(where + "period '" + period + "' is not day or month");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(fields[4].strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "amount '" + fields[4].strip() + "' is not a number");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(where + "amount " + amount + " is not positive");
        }
        if (!currency.isEmpty() && !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(where + "currency '" + currency
                    + "' is not an ISO 4217 code like USD (empty: the amount is tokens)");
        }
        return new Budget(name, scope, scopeValue.isEmpty() ? null : scopeValue, period, amount,
                currency.isEmpty() ? null : currency);
    }
}

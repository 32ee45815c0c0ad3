package io.arktasksync.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.arktasksync.budgets.BudgetStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Every budget of {@code ark.budget_status} as gauges {@code ark_budget_*} labelled by budget, scope, period and unit,
 * pushed beside the run's meters: the alert rules compare {@code ark_budget_share_used} with 0.8 and 1. A registry of
 * their own, apart from the run's, because they describe the database, not the run or its account.
 */
final class BudgetMeters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The last status read of each budget, by name; what the gauges read. */
    private final Map<String, BudgetStatus> statuses = new ConcurrentHashMap<>();

    /** Takes the budgets' current status; a budget that no longer exists reads NaN until the process ends. */
    void update(List<BudgetStatus> current) {
        statuses.keySet().retainAll(current.stream().map(BudgetStatus::name).toList());
        for (BudgetStatus status : current) {
            if (statuses.put(status.name(), status) == null) {
                register(status);
            }
        }
    }

    /** The budgets' gauges in the Prometheus text format; empty when there are none. */
    String scrape(String contentType) {
        return statuses.isEmpty() ? "" : registry.scrape(contentType);
    }

    private void register(BudgetStatus status) {
        String name = status.name();
        Tags tags = Tags.of("budget", name, "scope", status.scope(), "scope_value",
                status.scopeValue() == null ? "" : status.scopeValue(), "period", status.period(), "unit", status.unit());
        gauge("ark.budget.share.used", "Share of the budget the current period has used (1 = all)", tags,
                name, s -> s.shareUsed());
        gauge("ark.budget.spent", "Cost (in unit) or total tokens of the budget's tasks created in the current period",
                tags, name, s -> s.spent().doubleValue());
        gauge("ark.budget.amount", "The budget's amount per period, in unit", tags, name, s -> s.amount().doubleValue());
        gauge("ark.budget.projected", "Spent at the period's end if the rate so far goes on", tags, name,
                s -> s.projected());
    }

    private void gauge(String meter, String description, Tags tags, String budget,
            java.util.function.ToDoubleFunction<BudgetStatus> value) {
        Gauge.builder(meter, statuses, all -> {
            BudgetStatus status = all.get(budget);
            return status == null ? Double.NaN : value.applyAsDouble(status);
        }).description(description).tags(tags).register(registry);
    }
}

package io.arktasksync.metrics;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.arktasksync.budgets.BudgetStatus;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.run.SyncEndedListener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the sync ends: records how ({@link SyncMetrics#syncEnded}) and, when a Pushgateway is configured, pushes every
 * meter of the registry there. A Pushgateway that is down or refuses the push costs a warning, never the exit code.
 */
public class MetricsPublisher implements SyncEndedListener {

    private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);

    private final SyncMetrics metrics;

    private final PrometheusMeterRegistry registry;

    /** The Pushgateway group of an account; null when no Pushgateway is configured. */
    private final Function<String, Pushgateway> pushgateways;

    private final boolean severalAccounts;

    /** Reads ark.budget_status; its gauges go with every push. */
    private final Supplier<List<BudgetStatus>> budgets;

    private final BudgetMeters budgetMeters = new BudgetMeters();

    /**
     * @param severalAccounts whether the process syncs several accounts: each account's group then gets the account's
     *        meters only, not the whole registry
     * @param budgets the budgets' current status, read when the run's metrics are pushed
     */
    MetricsPublisher(SyncMetrics metrics, PrometheusMeterRegistry registry, Function<String, Pushgateway> pushgateways,
            boolean severalAccounts, Supplier<List<BudgetStatus>> budgets) {
        this.budgets = budgets;
        this.metrics = metrics;
        this.registry = registry;
        this.pushgateways = pushgateways;
        this.severalAccounts = severalAccounts;
    }

    @Override
    public void syncEnded(String account, ExitCode exitCode) {
        metrics.syncEnded(account, exitCode);
        if (pushgateways == null) {
            return;
        }
        Pushgateway pushgateway = pushgateways.apply(account);
        try {
            pushgateway.push((severalAccounts ? metrics.scrape(account, Pushgateway.CONTENT_TYPE)
                    : registry.scrape(Pushgateway.CONTENT_TYPE)) + budgetMetrics());
            log.info("Pushed the run's metrics to {}", pushgateway.groupUrl());
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not push the run's metrics to {}: {}; the sync's outcome is not affected",
                    pushgateway.groupUrl(), e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while pushing the run's metrics to {}", pushgateway.groupUrl());
        }
    }

    /** The budgets' gauges as they are now; none, with a warning, when they cannot be read. */
    private String budgetMetrics() {
        try {
            budgetMeters.update(budgets.get());
            return budgetMeters.scrape(Pushgateway.CONTENT_TYPE);
        }
        catch (RuntimeException e) {
            log.warn("Could not read ark.budget_status, the push carries no budget: {}", e.toString());
            return "";
        }
    }
}

package io.arktasksync.metrics;

import java.io.IOException;
import java.util.function.Function;

import io.arktasksync.run.ExitCode;
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

    /**
     * @param severalAccounts whether the process syncs several accounts: each account's group then gets the account's
     *        meters only, not the whole registry
     */
    MetricsPublisher(SyncMetrics metrics, PrometheusMeterRegistry registry, Function<String, Pushgateway> pushgateways,
            boolean severalAccounts) {
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
            pushgateway.push(severalAccounts ? metrics.scrape(account, Pushgateway.CONTENT_TYPE)
                    : registry.scrape(Pushgateway.CONTENT_TYPE));
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
}

package io.arktasksync.metrics;

import java.io.IOException;

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

    /** Null when no Pushgateway is configured. */
    private final Pushgateway pushgateway;

    MetricsPublisher(SyncMetrics metrics, PrometheusMeterRegistry registry, Pushgateway pushgateway) {
        this.metrics = metrics;
        this.registry = registry;
        this.pushgateway = pushgateway;
    }

    @Override
    public void syncEnded(ExitCode exitCode) {
        metrics.syncEnded(exitCode);
        if (pushgateway == null) {
            return;
        }
        try {
            pushgateway.push(registry.scrape(Pushgateway.CONTENT_TYPE));
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

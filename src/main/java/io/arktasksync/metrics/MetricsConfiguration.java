package io.arktasksync.metrics;

import java.time.Clock;
import java.time.Duration;

import io.arktasksync.budgets.BudgetDao;
import io.arktasksync.config.Accounts;
import io.arktasksync.config.MonitoringSettings;
import io.arktasksync.job.AccountContext;
import io.arktasksync.job.SyncRunStatistics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run's meters and their push to a Prometheus Pushgateway ({@code ARK_PUSHGATEWAY_URL}).
 * <p>
 * Spring Boot's own Pushgateway support ({@code management.prometheus.metrics.export.pushgateway.*}) needs
 * io.prometheus:prometheus-metrics-exporter-pushgateway at the version Boot manages (1.7.0), which the build's Maven
 * repository does not serve (only up to 1.5.1, untested with the 1.7.0 client), and pushes at context close; the push
 * here is one HTTP POST of the registry's Prometheus text ({@link Pushgateway}). It happens when the sync ends
 * ({@link io.arktasksync.run.SyncRunner}), not when the context closes: on SIGTERM the JVM halts before that.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Bounds connecting to the Pushgateway and its answer: a push must not hold up the exit, SIGTERM's least. */
    static final Duration PUSH_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    SyncMetrics syncMetrics(MeterRegistry meterRegistry, Clock clock) {
        return new SyncMetrics(meterRegistry, clock);
    }

    @Bean
    @JobScope
    SyncMetricsListener syncMetricsListener(SyncMetrics syncMetrics, SyncRunStatistics syncRunStatistics,
            AccountContext accountContext, Clock clock) {
        return new SyncMetricsListener(syncMetrics, syncRunStatistics, accountContext.client(), clock,
                accountContext.account(), accountContext.mode());
    }

    /**
     * One Pushgateway group per account. A process syncing one account pushes the whole registry (JVM and Spring
     * Batch meters too), one syncing several pushes each account's own meters to its group.
     */
    @Bean
    MetricsPublisher metricsPublisher(SyncMetrics syncMetrics, PrometheusMeterRegistry prometheusMeterRegistry,
            MonitoringSettings monitoring, Accounts accounts, BudgetDao budgetDao) {
        return new MetricsPublisher(syncMetrics, prometheusMeterRegistry,
                monitoring.pushgatewayConfigured() ? account -> new Pushgateway(monitoring.pushgatewayUrl(), account,
                        PUSH_TIMEOUT) : null, accounts.all().size() > 1, budgetDao::status);
    }
}

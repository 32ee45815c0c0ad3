package io.arktasksync.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.arktasksync.client.ArkApiClient;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.SyncRunStatistics;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Hands each job execution's statistics to {@link SyncMetrics} and tells it how long the execution ran. Job-scoped. */
public class SyncMetricsListener implements JobExecutionListener {

    private final SyncMetrics metrics;

    private final SyncRunStatistics statistics;

    private final ArkApiClient client;

    private final Clock clock;

    private final String account;

    private final SyncMode mode;

    private Instant startedAt;

    public SyncMetricsListener(SyncMetrics metrics, SyncRunStatistics statistics, ArkApiClient client, Clock clock,
            String account, SyncMode mode) {
        this.account = account;
        this.mode = mode;
        this.metrics = metrics;
        this.statistics = statistics;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        startedAt = clock.instant();
        metrics.runStarted(account, ownInstance(statistics), client, mode);
    }

    @Override
    public void afterJob(JobExecution execution) {
        metrics.runFinished(account, Duration.between(startedAt, clock.instant()));
    }

    /**
     * The execution's statistics object behind the job-scoped proxy: the meters are read when they are pushed,
     * after the job's scope has ended, and the proxy then has no execution to turn to.
     */
    static SyncRunStatistics ownInstance(SyncRunStatistics statistics) {
        return statistics instanceof ScopedObject scoped ? (SyncRunStatistics) scoped.getTargetObject() : statistics;
    }
}

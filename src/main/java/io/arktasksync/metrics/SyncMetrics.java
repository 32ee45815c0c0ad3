package io.arktasksync.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.arktasksync.client.ArkApiClient;
import io.arktasksync.job.SyncMode;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.run.ExitCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;

/**
 * The run's figures as Micrometer meters named {@code ark.sync.*} ({@code ark_sync_*} in Prometheus). The counts
 * are not counted twice: the meters read the run's {@link SyncRunStatistics} and the API client's own counters
 * whenever they are read. One process runs one sync, so every meter describes that run.
 * <p>
 * A singleton that holds the run's statistics: the meters are read when they are pushed, after the job-scoped bean
 * that fed them is gone, and Micrometer keeps only a weak reference to what a meter reads.
 */
public class SyncMetrics {

    static final String PREFIX = "ark.sync.";

    private final MeterRegistry registry;

    private final Clock clock;

    private volatile SyncRunStatistics statistics;

    private volatile ArkApiClient client;

    private volatile Tags runTags = Tags.empty();

    private volatile Duration duration;

    private volatile ExitCode exitCode;

    private volatile double lastRunSeconds;

    private volatile double lastSuccessSeconds;

    public SyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Registers the meters of the run that starts.
     *
     * @param statistics the execution's own statistics object (not a scoped proxy: the meters outlive the scope)
     */
    void runStarted(SyncRunStatistics statistics, ArkApiClient client, SyncMode mode) {
        this.statistics = statistics;
        this.client = client;
        runTags = Tags.of("mode", mode.parameter());
        count("pages", "Pages read from the Ark API", SyncRunStatistics::pages);
        count("tasks.read", "Task items read from the Ark API, repeats included", SyncRunStatistics::itemsRead);
        count("tasks.inserted", "Tasks stored for the first time", SyncRunStatistics::inserted);
        count("tasks.updated", "Stored tasks rewritten because they changed", SyncRunStatistics::updated);
        count("tasks.unchanged", "Tasks read again without a change", SyncRunStatistics::unchanged);
        count("tasks.duplicates", "Items of a task read more than once in a chunk, merged",
                SyncRunStatistics::duplicates);
        count("tasks.rejected", "Items quarantined in ark.task_rejects", SyncRunStatistics::rejected);
        count("tasks.out.of.reach", "Tasks beyond the page cap that no narrower listing returns",
                SyncRunStatistics::outOfReach);
        count("history.rows", "Rows appended to ark.task_history", SyncRunStatistics::historyRows);
        clientCount("requests", "HTTP requests sent to the Ark API, retries included", ArkApiClient::requestCount);
        clientCount("retries", "Requests to the Ark API retried after a failure", ArkApiClient::retryCount);
        clientCount("throttled", "429 answers from the Ark API", ArkApiClient::throttledCount);
        FunctionCounter.builder(PREFIX + "throttled.wait", this, metrics -> metrics.client.throttledWait().toMillis() / 1000.0)
            .baseUnit("seconds")
            .description("Time waited before retrying after 429 answers")
            .tags(runTags)
            .register(registry);
        Gauge.builder(PREFIX + "api.total", this, metrics -> {
            Long total = metrics.statistics.apiTotal();
            return total == null ? Double.NaN : total;
        }).description("Sum of the API's total of the configured listings at their first page (NaN: none reported)")
            .baseUnit("tasks")
            .tags(runTags)
            .register(registry);
        Gauge.builder(PREFIX + "distinct.ids", this, metrics -> metrics.statistics.distinctIds())
            .description("Distinct task ids read")
            .tags(runTags)
            .register(registry);
        Gauge.builder(PREFIX + "reconciled", this, metrics -> metrics.statistics.reconciled() ? 1 : 0)
            .description("1 when every listing read was reconciled (see ark.sync_ledger), else 0")
            .tags(runTags)
            .register(registry);
    }

    /** The job execution ended after {@code took}. */
    void runFinished(Duration took) {
        duration = took;
        TimeGauge.builder(PREFIX + "duration", this, TimeUnit.MILLISECONDS, metrics -> metrics.duration.toMillis())
            .description("How long the sync job ran")
            .tags(runTags)
            .register(registry);
    }

    /**
     * The sync ended with this exit code, whether a job ran or not (another run held the lock). The last success's
     * time is only there after a success: pushed with POST, a failed run leaves the previous one's in place.
     */
    void syncEnded(ExitCode code) {
        exitCode = code;
        double now = clock.millis() / 1000.0;
        lastRunSeconds = now;
        Gauge.builder(PREFIX + "exit.code", this, metrics -> metrics.exitCode.code())
            .description("Exit code of the last run (README: Exit codes); 7 = stopped by SIGTERM")
            .tags(runTags)
            .tag("outcome", code.name().toLowerCase(Locale.ROOT))
            .register(registry);
        Gauge.builder(PREFIX + "last.run.timestamp", this, metrics -> metrics.lastRunSeconds)
            .baseUnit("seconds")
            .description("When the last run ended, in seconds since the epoch")
            .register(registry);
        if (code == ExitCode.SUCCESS) {
            lastSuccessSeconds = now;
            Gauge.builder(PREFIX + "last.success.timestamp", this, metrics -> metrics.lastSuccessSeconds)
                .baseUnit("seconds")
                .description("When the last successful run (exit 0) ended, in seconds since the epoch")
                .register(registry);
        }
    }

    private void count(String name, String description, ToDoubleFunction<SyncRunStatistics> value) {
        FunctionCounter.builder(PREFIX + name, this, metrics -> value.applyAsDouble(metrics.statistics))
            .description(description)
            .tags(runTags)
            .register(registry);
    }

    private void clientCount(String name, String description, ToDoubleFunction<ArkApiClient> value) {
        FunctionCounter.builder(PREFIX + name, this, metrics -> value.applyAsDouble(metrics.client))
            .description(description)
            .tags(runTags)
            .register(registry);
    }
}

package io.arktasksync.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.arktasksync.client.ArkApiClient;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.cli.exit.ExitCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The run's figures as Micrometer meters named {@code ark.sync.*} ({@code ark_sync_*} in Prometheus). The counts
 * are not counted twice: the meters read the run's {@link SyncRunStatistics} and the API client's own counters
 * whenever they are read. Every meter carries the {@code account} label; a process runs at most one sync per
 * account, so the meters of an account describe its run.
 * <p>
 * Each account's meters are registered twice: in the application's registry, and in one of the account's own, which
 * is what a process syncing several accounts pushes to each account's Pushgateway group.
 * <p>
 * A singleton that holds the run's statistics: the meters are read when they are pushed, after the job-scoped bean
 * that fed them is gone, and Micrometer keeps only a weak reference to what a meter reads.
 */
public class SyncMetrics {

    static final String PREFIX = "ark.sync.";

    private final MeterRegistry registry;

    private final Clock clock;

    private final Map<String, AccountMeters> accounts = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    private AccountMeters of(String account) {
        return accounts.computeIfAbsent(account, AccountMeters::new);
    }

    /** The account's meters alone, in the Prometheus text format. */
    String scrape(String account, String contentType) {
        return of(account).own.scrape(contentType);
    }

    /**
     * Registers the meters of the account's run that starts.
     *
     * @param statistics the execution's own statistics object (not a scoped proxy: the meters outlive the scope)
     */
    void runStarted(String account, SyncRunStatistics statistics, ArkApiClient client, SyncMode mode) {
        of(account).runStarted(statistics, client, mode);
    }

    /** The account's job execution ended after {@code took}. */
    void runFinished(String account, Duration took) {
        of(account).runFinished(took);
    }

    /**
     * The account's sync ended with this exit code, whether a job ran or not (another run held the lock). The last
     * success's time is only there after a success: pushed with POST, a failed run leaves the previous one's in place.
     */
    void syncEnded(String account, ExitCode code) {
        of(account).syncEnded(code);
    }

    /** One account's run figures, and the meters that read them. */
    private final class AccountMeters {

        private final String account;

        private final PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        private volatile SyncRunStatistics statistics;

        private volatile ArkApiClient client;

        private volatile Tags runTags;

        private volatile Duration duration;

        private volatile ExitCode exitCode;

        private volatile double lastRunSeconds;

        private volatile double lastSuccessSeconds;

        AccountMeters(String account) {
            this.account = account;
            this.runTags = Tags.of("account", account);
        }

        private List<MeterRegistry> registries() {
            return List.of(registry, own);
        }

        void runStarted(SyncRunStatistics runStatistics, ArkApiClient runClient, SyncMode mode) {
            this.statistics = runStatistics;
            this.client = runClient;
            runTags = Tags.of("account", account, "mode", mode.parameter());
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
            count("tasks.usage.missing", "Succeeded tasks that came without usage and have none stored: tokens not "
                    + "reported", SyncRunStatistics::usageMissing);
            clientCount("requests", "HTTP requests sent to the Ark API, retries included", ArkApiClient::requestCount);
            clientCount("retries", "Requests to the Ark API retried after a failure", ArkApiClient::retryCount);
            clientCount("throttled", "429 answers from the Ark API", ArkApiClient::throttledCount);
            for (MeterRegistry target : registries()) {
                FunctionCounter.builder(PREFIX + "throttled.wait", this,
                        meters -> meters.client.throttledWait().toMillis() / 1000.0)
                    .baseUnit("seconds")
                    .description("Time waited before retrying after 429 answers")
                    .tags(runTags)
                    .register(target);
                Gauge.builder(PREFIX + "api.total", this, meters -> {
                    Long total = meters.statistics.apiTotal();
                    return total == null ? Double.NaN : total;
                }).description("Sum of the API's total of the configured listings at their first page (NaN: none "
                        + "reported)")
                    .baseUnit("tasks")
                    .tags(runTags)
                    .register(target);
                Gauge.builder(PREFIX + "distinct.ids", this, meters -> meters.statistics.distinctIds())
                    .description("Distinct task ids read")
                    .tags(runTags)
                    .register(target);
                Gauge.builder(PREFIX + "reconciled", this, meters -> meters.statistics.reconciled() ? 1 : 0)
                    .description("1 when every listing read was reconciled (see ark.sync_ledger), else 0")
                    .tags(runTags)
                    .register(target);
            }
        }

        void runFinished(Duration took) {
            duration = took;
            for (MeterRegistry target : registries()) {
                TimeGauge.builder(PREFIX + "duration", this, TimeUnit.MILLISECONDS, meters -> meters.duration.toMillis())
                    .description("How long the sync job ran")
                    .tags(runTags)
                    .register(target);
            }
        }

        void syncEnded(ExitCode code) {
            exitCode = code;
            double now = clock.millis() / 1000.0;
            lastRunSeconds = now;
            if (code == ExitCode.SUCCESS) {
                lastSuccessSeconds = now;
            }
            Tags accountTag = Tags.of("account", account);
            for (MeterRegistry target : registries()) {
                Gauge.builder(PREFIX + "exit.code", this, meters -> meters.exitCode.code())
                    .description("Exit code of the last run (README: Exit codes); 7 = stopped by SIGTERM")
                    .tags(runTags)
                    .tag("outcome", code.name().toLowerCase(Locale.ROOT))
                    .register(target);
                Gauge.builder(PREFIX + "last.run.timestamp", this, meters -> meters.lastRunSeconds)
                    .baseUnit("seconds")
                    .description("When the last run ended, in seconds since the epoch")
                    .tags(accountTag)
                    .register(target);
                if (code == ExitCode.SUCCESS) {
                    Gauge.builder(PREFIX + "last.success.timestamp", this, meters -> meters.lastSuccessSeconds)
                        .baseUnit("seconds")
                        .description("When the last successful run (exit 0) ended, in seconds since the epoch")
                        .tags(accountTag)
                        .register(target);
                }
            }
        }

        private void count(String name, String description, ToDoubleFunction<SyncRunStatistics> value) {
            counter(name, description, meters -> value.applyAsDouble(meters.statistics));
        }

        private void clientCount(String name, String description, ToDoubleFunction<ArkApiClient> value) {
            counter(name, description, meters -> value.applyAsDouble(meters.client));
        }

        private void counter(String name, String description, ToDoubleFunction<AccountMeters> value) {
            for (MeterRegistry target : registries()) {
                FunctionCounter.builder(PREFIX + name, this, value)
                    .description(description)
                    .tags(runTags)
                    .register(target);
            }
        }
    }
}

package io.arktasksync.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Instant;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.client.ArkApiClient;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.job.reader.SliceLedger;
import io.arktasksync.persistence.LedgerDao;
import io.arktasksync.persistence.SyncRunDao;
import io.arktasksync.persistence.SyncRunRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Records each run in {@code ark.sync_runs} and ends it with one summary line in the log: the two places an
 * operator looks first. Job-scoped: it remembers when its run started.
 */
public class SyncRunListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SyncRunListener.class);

    private final SyncRunDao runs;

    private final LedgerDao ledgers;

    private final boolean failWhenUnreconciled;

    private final SyncRunStatistics statistics;

    private final ArkApiClient client;

    private final Clock clock;

    private final String account;

    private final SyncMode mode;

    private Instant startedAt;

    private long requestsAtStart;

    private long retriesAtStart;

    /**
     * @param account the run's account, recorded in {@code ark.sync_runs}
     * @param mode the run's, recorded in {@code ark.sync_runs}
     */
    public SyncRunListener(SyncRunDao runs, LedgerDao ledgers, SyncRunStatistics statistics, ArkApiClient client,
            String account, SyncMode mode, boolean failWhenUnreconciled, Clock clock) {
        this.account = account;
        this.mode = mode;
        this.runs = runs;
        this.ledgers = ledgers;
        this.failWhenUnreconciled = failWhenUnreconciled;
        this.statistics = statistics;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        startedAt = clock.instant();
        requestsAtStart = client.requestCount();
        retriesAtStart = client.retryCount();
        runs.start(execution.getId(), OffsetDateTime.now(clock), client.tasksUrl(), mode.parameter(), account);
        log.info("Sync run {} of account {} started ({}): listing {}", execution.getId(), account, mode.parameter(),
                client.tasksUrl());
    }

    @Override
    public void afterJob(JobExecution execution) {
        ExitCode exitCode = ExitCode.forExecution(execution);
        String message = message(execution, exitCode);
        SyncRunRow row = new SyncRunRow(execution.getId(), null, OffsetDateTime.now(clock),
                execution.getStatus().name(), exitCode.code(), client.tasksUrl(), (int) statistics.pages(),
                statistics.itemsRead(), statistics.inserted(), statistics.updated(), statistics.unchanged(),
                statistics.duplicates(), statistics.rejected(), statistics.historyRows(), statistics.apiTotal(),
                message, statistics.usageMissing());
        try {
            runs.finish(row);
            ledgers.insert(execution.getId(), statistics.ledgers());
            ledgers.recordCompleteness(execution.getId(), statistics.reconciled(), statistics.distinctIds());
        }
        catch (RuntimeException e) {
            // The database may be what failed the run; the log line below must still appear.
            log.warn("Could not record the run summary in ark.sync_runs: {}", e.getMessage());
        }
        Duration took = Duration.between(startedAt, clock.instant());
        String summary = String.format(
                "Sync run %d %s (exit %d) in %.1f s: account=%s pages=%d read=%d inserted=%d updated=%d unchanged=%d "
                        + "duplicates=%d rejected=%d history=%d usage_missing=%d api_total=%s out_of_reach=%d "
                        + "requests=%d retries=%d heap_peak_mb=%d%s",
                execution.getId(), execution.getStatus(), exitCode.code(), took.toMillis() / 1000.0, account,
                statistics.pages(), statistics.itemsRead(), statistics.inserted(), statistics.updated(),
                statistics.unchanged(), statistics.duplicates(), statistics.rejected(), statistics.historyRows(),
                statistics.usageMissing(),
                statistics.apiTotal() == null ? "n/a" : statistics.apiTotal(), statistics.outOfReach(),
                client.requestCount() - requestsAtStart, client.retryCount() - retriesAtStart, heapPeakMegabytes(),
                message == null ? "" : " - " + message);
        for (SliceLedger ledger : statistics.ledgers()) {
            if (!ledger.reconciled()) {
                log.warn("Listing {} is NOT reconciled: total {} -> {}, {} drop(s), {} page(s) re-read, {} out of reach,"
                        + " {} listed but quarantined in ark.task_rejects; tasks may be missing until a later run{}",
                        ledger.slice(), ledger.totalAtStart(), ledger.totalAtEnd(), ledger.totalDrops(),
                        ledger.pagesReread(), ledger.outOfReach(), ledger.quarantined(),
                        failWhenUnreconciled ? "" : " (set ARK_FAIL_WHEN_UNRECONCILED=true to fail such runs)");
            }
        }
        if (statistics.usageMissing() > 0) {
            log.warn("{} succeeded task(s) came without usage and have none stored: their tokens are not reported "
                    + "(a relay that trims items?); the report shows them as not reported, never as zero",
                    statistics.usageMissing());
        }
        if (exitCode == ExitCode.SUCCESS) {
            log.info(summary);
        }
        else {
            log.error(summary);
        }
    }

    /** Highest heap use of this JVM so far, summed over the heap pools: what -Xmx has to cover. */
    private static long heapPeakMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    private static String message(JobExecution execution, ExitCode exitCode) {
        if (exitCode == ExitCode.SUCCESS) {
            return null;
        }
        if (!execution.getAllFailureExceptions().isEmpty()) {
            return ExitCode.describe(execution.getAllFailureExceptions().get(0));
        }
        String description = execution.getExitStatus().getExitDescription();
        return description == null || description.isBlank() ? execution.getExitStatus().getExitCode() : description;
    }
}

package io.arktasksync.job;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.arktasksync.client.AccountClients;
import io.arktasksync.config.Accounts;
import io.arktasksync.config.AccountsProperties;
import io.arktasksync.config.ArkProperties;
import io.arktasksync.job.reader.FollowUpListings;
import io.arktasksync.job.reader.BrokenPageIsolation;
import io.arktasksync.job.reader.PageSource;
import io.arktasksync.job.reader.TaskPageReader;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.TaskMapper;
import io.arktasksync.persistence.ChunkStaging;
import io.arktasksync.persistence.GoneTaskDao;
import io.arktasksync.persistence.LedgerDao;
import io.arktasksync.persistence.PlanningDao;
import io.arktasksync.persistence.RejectDao;
import io.arktasksync.persistence.Savepoints;
import io.arktasksync.persistence.SyncRunDao;
import io.arktasksync.persistence.TaskUpsertDao;
import io.arktasksync.persistence.UnchangedTaskDao;
import org.slf4j.MDC;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The sync job: one chunk-oriented step, reader (API pages) -> processor (mapping) -> writer (upserts), each chunk
 * in one transaction of the application's {@link PlatformTransactionManager}, which JDBI joins.
 * <p>
 * A job execution syncs one account, named by its {@code account} parameter: the scoped beans take that account's
 * settings ({@link Accounts}) and API client ({@link AccountClients}).
 */
@Configuration(proxyBeanMethods = false)
class SyncJobConfiguration {

    static final String JOB_NAME = "arkTaskSync";

    /**
     * @param listeners every job listener bean: the run record ({@link SyncRunListener}) and those of other features
     *        (metrics), which this package then need not know
     */
    @Bean
    Job arkTaskSyncJob(JobRepository jobRepository, Step syncTasksStep, List<JobExecutionListener> listeners,
            @Qualifier("archiveArtifactsStep") ObjectProvider<Step> archiveStep) {
        // No incrementer on the job: Batch 6's JobOperator.start would then ignore our parameters (the mode) and
        // start the next instance itself. SyncRunner increments run.id.
        JobBuilder job = new JobBuilder(JOB_NAME, jobRepository);
        listeners.forEach(job::listener);
        SimpleJobBuilder steps = job.start(syncTasksStep);
        // The archive step (io.arktasksync.archive) exists only when ARK_ARCHIVE_URL is set.
        archiveStep.ifAvailable(steps::next);
        return steps.build();
    }

    /** The job parameter naming the account (SyncRunner.ACCOUNT_PARAMETER); null in runs recorded before it. */
    private static final String ACCOUNT = "#{jobParameters['account']}";

    @Bean
    Step syncTasksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            TaskPageReader taskPageReader, UnchangedItemFilter unchangedItemFilter, TaskChunkWriter taskChunkWriter,
            RejectLimitListener rejectLimitListener, CompletenessListener completenessListener,
            GoneTaskListener goneTaskListener, RunLockCheck runLockCheck, ArkProperties properties) {
        return new StepBuilder("syncTasks", jobRepository).<RawTaskItem, MappingResult>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(taskPageReader)
            .processor(unchangedItemFilter)
            .writer(taskChunkWriter)
            .listener(runLockCheck)
            .listener(rejectLimitListener)
            .listener(completenessListener)
            .listener(goneTaskListener)
            .build();
    }

    @Bean
    @StepScope
    RunLockCheck runLockCheck(RunLockGuard runLockGuard, Accounts accounts, @Value(ACCOUNT) String account) {
        return new RunLockCheck(runLockGuard, accounts.named(account).account());
    }

    @Bean
    @StepScope
    UnchangedItemFilter unchangedItemFilter(TaskMapper taskMapper, TaskChunkWriter taskChunkWriter,
            SyncRunStatistics syncRunStatistics, Accounts accounts, @Value(ACCOUNT) String account) {
        return new UnchangedItemFilter(taskMapper, taskChunkWriter, syncRunStatistics,
                accounts.named(account).account());
    }

    @Bean
    TaskMapper taskMapper(JsonMapper arkJsonMapper) {
        return new TaskMapper(arkJsonMapper);
    }

    @Bean
    @JobScope
    SyncRunStatistics syncRunStatistics() {
        return new SyncRunStatistics();
    }

    @Bean
    @StepScope
    TaskPageReader taskPageReader(AccountClients accountClients, Accounts accounts,
            SyncRunStatistics syncRunStatistics, ExecutorService pageFetchExecutor, LedgerDao ledgerDao,
            PlanningDao planningDao, ProgressDisplay progressDisplay, @Value("#{jobParameters['mode']}") String mode,
            @Value(ACCOUNT) String account) {
        ArkProperties properties = accounts.named(account);
        SyncPlanner syncPlanner = new SyncPlanner(planningDao, properties);
        // A page broken inside its items is read again in smaller pages rather than failing the account every run.
        PageSource pages = new BrokenPageIsolation(accountClients.client(account)::listTasks, properties.maxPageNum());
        UnfinishedRecheck recheck = new UnfinishedRecheck(planningDao, pages, properties.pageSize(),
                properties.maxPageNum(), properties.account());
        SyncMode syncMode = SyncMode.fromParameter(mode);
        return new TaskPageReader(pages, syncPlanner.slices(syncMode, recheck),
                new TaskPageReader.Settings(properties.pageSize(), properties.maxPageNum(), properties.prefetchPages(),
                        properties.endpointIds()),
                syncRunStatistics, withLoggingContext(pageFetchExecutor), ledgerDao::storedModels,
                progressDisplay.forRun(syncRunStatistics, properties.pageSize()),
                syncMode == SyncMode.FULL ? FollowUpListings.NONE : recheck);
    }

    /** The run's logging context (the account, with several) goes along to the shared page-fetch threads. */
    private static Executor withLoggingContext(Executor executor) {
        return command -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            executor.execute(() -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    command.run();
                }
                finally {
                    MDC.clear();
                }
            });
        };
    }

    /**
     * Decided once, at start: whether this process runs on a terminal does not change. Several accounts at once
     * would draw their bars over each other: progress lines then.
     */
    @Bean
    ProgressDisplay progressDisplay(ArkProperties properties, Clock clock, Environment environment,
            Accounts accounts) {
        boolean structuredLogs = !environment.getProperty("logging.structured.format.console", "").isBlank();
        return new ProgressDisplay(ProgressDisplay.showBar(properties.progressBarAllowed() && accounts.all().size() == 1,
                ProgressDisplay.interactiveTerminal(), structuredLogs), properties.progressEveryPages(), clock);
    }

    /**
     * Threads that fetch and parse pages ahead of the step; daemon, so they never keep the JVM alive. Enough for
     * every account that may run at the same time.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService pageFetchExecutor(ArkProperties properties, AccountsProperties accountsProperties) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, properties.prefetchPages())
                * Math.max(1, accountsProperties.accountConcurrency()), runnable -> {
            Thread thread = new Thread(runnable, "page-fetch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    @StepScope
    TaskChunkWriter taskChunkWriter(ChunkStaging chunkStaging, Savepoints savepoints, TaskUpsertDao taskUpsertDao,
            UnchangedTaskDao unchangedTaskDao, RejectDao rejectDao,
            SyncRunStatistics syncRunStatistics, Accounts accounts, ArkProperties properties, Clock clock,
            @Value("#{stepExecution.jobExecutionId}") long runId, @Value("#{jobParameters['mode']}") String mode,
            @Value(ACCOUNT) String account) {
        return new TaskChunkWriter(chunkStaging, savepoints, taskUpsertDao, unchangedTaskDao, rejectDao,
                syncRunStatistics, runId, accounts.named(account).account(),
                properties.lastSeenResolution(), SyncMode.fromParameter(mode), clock);
    }

    @Bean
    @StepScope
    GoneTaskListener goneTaskListener(GoneTaskDao goneTaskDao, SyncRunStatistics syncRunStatistics,
            Accounts accounts, Clock clock, RunLockGuard runLockGuard, TaskPageReader taskPageReader,
            @Value("#{jobParameters['mode']}") String mode, @Value(ACCOUNT) String account) {
        ArkProperties properties = accounts.named(account);
        ArkProperties.Filter filter = properties.filter();
        boolean wholeTiers = (filter.status() == null || filter.status().isBlank())
                && (filter.model() == null || filter.model().isBlank()) && filter.taskIds().isEmpty();
        Set<String> tiers = ListingPlan.slices(filter).stream()
            .map(slice -> slice.serviceTier() == null ? "default" : slice.serviceTier())
            .collect(Collectors.toSet());
        return new GoneTaskListener(goneTaskDao, syncRunStatistics, taskPageReader.listedIds(),
                SyncMode.fromParameter(mode), tiers, wholeTiers, clock, runLockGuard, properties.account());
    }

    @Bean
    @StepScope
    CompletenessListener completenessListener(SyncRunStatistics syncRunStatistics, ArkProperties properties) {
        return new CompletenessListener(syncRunStatistics, properties.failWhenUnreconciled());
    }

    @Bean
    @StepScope
    RejectLimitListener rejectLimitListener(SyncRunStatistics syncRunStatistics, ArkProperties properties) {
        return new RejectLimitListener(syncRunStatistics, properties.maxRejectRatio());
    }
}

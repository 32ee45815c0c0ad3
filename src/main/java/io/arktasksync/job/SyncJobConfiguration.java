package io.arktasksync.job;

import java.time.Clock;
import java.util.List;

import io.arktasksync.client.AccountClients;
import io.arktasksync.config.Accounts;
import io.arktasksync.config.AccountsProperties;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.JobSettings;
import io.arktasksync.config.ListingSettings;
import io.arktasksync.config.MonitoringSettings;
import io.arktasksync.config.ProgressBar;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.plan.SyncPlan;
import io.arktasksync.job.plan.SyncPlanner;
import io.arktasksync.job.reader.IdSet;
import io.arktasksync.job.reader.TaskPageReader;
import io.arktasksync.lock.RunLock;
import io.arktasksync.lock.RunLockCheck;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.SameVersionMerge;
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
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The sync job: one chunk-oriented step, reader (API pages) -> processor (mapping) -> writer (upserts), each chunk
 * in one transaction of the application's {@link PlatformTransactionManager}, which JDBI joins.
 * <p>
 * A job execution syncs one account, named by its {@code account} parameter: the job-scoped {@link AccountContext}
 * holds that account's settings, API client, mode and plan, and the scoped beans take them from it.
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

    /** The job parameter naming the mode (SyncRunner.MODE_PARAMETER); null in runs recorded before it. */
    private static final String MODE = "#{jobParameters['mode']}";

    @Bean
    Step syncTasksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            TaskPageReader taskPageReader, UnchangedItemFilter unchangedItemFilter, TaskChunkWriter taskChunkWriter,
            RejectLimitListener rejectLimitListener, CompletenessListener completenessListener,
            GoneTaskListener goneTaskListener, RunLockCheck<MappingResult> runLockCheck, JobSettings job) {
        return new StepBuilder(SyncJobSteps.SYNC, jobRepository).<RawTaskItem, MappingResult>chunk(job.chunkSize())
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
    SyncPlanner syncPlanner(PlanningDao planningDao, ListingSettings listing) {
        return new SyncPlanner(planningDao, listing);
    }

    /** The one place that turns the job's parameters into the account it syncs. */
    @Bean
    @JobScope
    AccountContext accountContext(Accounts accounts, AccountClients accountClients, SyncPlanner syncPlanner,
            ListingSettings listing, @Value(ACCOUNT) String account, @Value(MODE) String mode) {
        AccountSettings settings = accounts.named(account);
        return new AccountContext(settings, listing, accountClients.client(settings), SyncMode.fromParameter(mode),
                syncPlanner);
    }

    @Bean
    @StepScope
    RunLockCheck<MappingResult> runLockCheck(RunLock runLock, AccountContext accountContext) {
        return new RunLockCheck<>(runLock, accountContext.account());
    }

    /** The stored state of the account's tasks, shared by the step's processor and writer. */
    @Bean
    @StepScope
    UnchangedTasks unchangedTasks(UnchangedTaskDao unchangedTaskDao, AccountContext accountContext,
            JobSettings job) {
        // A full run sees nearly every stored task again: their hashes are read once, not per chunk.
        return new UnchangedTasks(unchangedTaskDao, accountContext.account(), job.lastSeenResolution(),
                accountContext.mode() == SyncMode.FULL);
    }

    @Bean
    @StepScope
    UnchangedItemFilter unchangedItemFilter(TaskMapper taskMapper, UnchangedTasks unchangedTasks,
            SyncRunStatistics syncRunStatistics, AccountContext accountContext, Clock clock) {
        return new UnchangedItemFilter(taskMapper, unchangedTasks, syncRunStatistics, accountContext.account(), clock);
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

    /**
     * The ids the step's reader reads, for the gone-marking after it. Not proxied: only the step's reader and
     * listener use it, both made inside the step.
     */
    @Bean
    @Scope("step")
    IdSet listedIds() {
        return new IdSet();
    }

    @Bean
    @StepScope
    TaskPageReader taskPageReader(AccountContext accountContext, SyncRunStatistics syncRunStatistics,
            PageFetchExecutor pageFetchExecutor, LedgerDao ledgerDao, ProgressDisplay progressDisplay, IdSet listedIds,
            ListingSettings listing) {
        SyncPlan plan = accountContext.plan();
        return new TaskPageReader(accountContext.pages(), plan.listings(),
                new TaskPageReader.Settings(listing.pageSize(), listing.maxPageNum(), listing.prefetchPages(),
                        accountContext.settings().endpointIds()),
                syncRunStatistics, pageFetchExecutor, ledgerDao::storedModels,
                progressDisplay.forRun(syncRunStatistics, listing.pageSize()), plan.followUp(), listedIds);
    }

    /**
     * Decided once, at start: whether this process runs on a terminal does not change. Several accounts at once
     * would draw their bars over each other: progress lines then.
     */
    @Bean
    ProgressDisplay progressDisplay(MonitoringSettings monitoring, Clock clock, Environment environment,
            Accounts accounts) {
        boolean structuredLogs = !environment.getProperty("logging.structured.format.console", "").isBlank();
        boolean barAllowed = monitoring.progressBar() == ProgressBar.AUTO && accounts.all().size() == 1;
        return new ProgressDisplay(ProgressDisplay.showBar(barAllowed, ProgressDisplay.interactiveTerminal(),
                structuredLogs), monitoring.progressEveryPages(), clock);
    }

    /** Enough threads for every account that may run at the same time. */
    @Bean
    PageFetchExecutor pageFetchExecutor(ListingSettings listing, AccountsProperties accountsProperties) {
        return new PageFetchExecutor(Math.max(1, listing.prefetchPages())
                * Math.max(1, accountsProperties.accountConcurrency()));
    }

    @Bean
    @StepScope
    TaskChunkWriter taskChunkWriter(ChunkStaging chunkStaging, Savepoints savepoints, TaskUpsertDao taskUpsertDao,
            UnchangedTasks unchangedTasks, RejectDao rejectDao, TaskMapper taskMapper, JsonMapper arkJsonMapper,
            SyncRunStatistics syncRunStatistics, AccountContext accountContext, JobSettings job, Clock clock,
            @Value("#{stepExecution.jobExecutionId}") long runId) {
        return new TaskChunkWriter(chunkStaging, savepoints, taskUpsertDao, unchangedTasks, rejectDao,
                new SameVersionMerge(taskMapper, arkJsonMapper), syncRunStatistics, runId, accountContext.account(),
                job.lastSeenResolution(), clock);
    }

    @Bean
    @StepScope
    GoneTaskListener goneTaskListener(GoneTaskDao goneTaskDao, SyncRunStatistics syncRunStatistics,
            AccountContext accountContext, Clock clock, RunLock runLock, IdSet listedIds) {
        return new GoneTaskListener(goneTaskDao, syncRunStatistics, listedIds, accountContext.mode(),
                accountContext.tiersRead(), accountContext.readsWholeTiers(), clock, runLock,
                accountContext.account());
    }

    @Bean
    @StepScope
    CompletenessListener completenessListener(SyncRunStatistics syncRunStatistics, JobSettings job) {
        return new CompletenessListener(syncRunStatistics, job.failWhenUnreconciled());
    }

    @Bean
    @StepScope
    RejectLimitListener rejectLimitListener(SyncRunStatistics syncRunStatistics, JobSettings job) {
        return new RejectLimitListener(syncRunStatistics, job.maxRejectRatio());
    }
}

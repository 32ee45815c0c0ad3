package io.arktasksync.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.arktasksync.client.Sleeper;
import io.arktasksync.config.Accounts;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.Shard;
import io.arktasksync.job.AccountContext;
import io.arktasksync.lock.RunLock;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The archive, only when {@code ARK_ARCHIVE_URL} is set: the step the sync job runs after the sync step
 * ({@value #STEP_BEAN}) and the {@code archive} command. Unset, none of these beans exists and the job is the sync
 * alone.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ArchiveEnabled.class)
class ArchiveConfiguration {

    /** The step's bean name, which the job looks up. */
    static final String STEP_BEAN = "archiveArtifactsStep";

    /** A progress line this often while archiving. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    @Bean
    ArtifactDao artifactDao(Jdbi jdbi) {
        return jdbi.onDemand(ArtifactDao.class);
    }

    @Bean(destroyMethod = "close")
    ArchiveStore archiveStore(ArchiveProperties properties) throws IOException {
        ArchiveSettings.ArchiveLocation location = ArchiveSettings.ArchiveLocation.parse(properties.url());
        if (!location.isS3()) {
            return new FileArchiveStore(location.directory());
        }
        Path spool = properties.spoolDirectory() == null || properties.spoolDirectory().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "ark-archive-spool")
                : Path.of(properties.spoolDirectory());
        return new S3ArchiveStore(location.bucket(), location.prefix(), spool, properties.pathStyleAccess());
    }

    @Bean
    ArchiveMetrics archiveMetrics(MeterRegistry meterRegistry) {
        return new ArchiveMetrics(meterRegistry);
    }

    @Bean
    ArchiveRun archiveRun(ArtifactDao artifactDao, ArchiveStore archiveStore, ArchiveMetrics archiveMetrics,
            ArchiveProperties properties, Clock clock) {
        ArtifactFetcher fetcher = new ArtifactFetcher(properties.maxAttempts(), properties.connectTimeout(),
                properties.readTimeout(), properties.maxDownloadTime(), properties.maxSize().toBytes(),
                new Bandwidth(properties.maxBandwidth().toBytes()), Sleeper.THREAD, clock);
        return new ArchiveRun(artifactDao, archiveStore, fetcher, archiveMetrics, properties.concurrency(),
                properties.maxRuns(), clock, PROGRESS_EVERY);
    }

    /**
     * No transaction around the tasklet: each artifact's record commits on its own, right after its copy is stored,
     * so a long pass holds no transaction open and a killed one keeps what it archived.
     */
    @Bean(STEP_BEAN)
    Step archiveArtifactsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            Tasklet archiveTasklet) {
        return new StepBuilder("archiveArtifacts", jobRepository)
            .tasklet(archiveTasklet, transactionManager)
            .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
            .listener(new EarlierStepVerdict())
            .build();
    }

    /**
     * Step-scoped: the job execution's account ({@link AccountContext}; a process may sync several) is the one whose
     * tasks are archived and whose run lock is checked. Declared as a Tasklet: the scoped proxy is then an interface
     * proxy.
     */
    @Bean
    @StepScope
    Tasklet archiveTasklet(ArchiveRun archiveRun, AccountContext accountContext, RunLock runLock,
            JobRepository jobRepository) {
        String name = accountContext.account();
        return new ArchiveTasklet(archiveRun, name, () -> runLock.ensureHeld(name), jobRepository);
    }

    @Bean
    ArchiveCommand archiveCommand(ArchiveRun archiveRun, Accounts accounts, Shard shard, RunLock runLock) {
        return new ArchiveCommand(archiveRun,
                accounts.all().stream().map(AccountSettings::account).filter(shard::includes).toList(), runLock);
    }
}

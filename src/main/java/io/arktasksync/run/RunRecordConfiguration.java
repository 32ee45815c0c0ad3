package io.arktasksync.run;

import java.time.Clock;

import io.arktasksync.config.JobSettings;
import io.arktasksync.job.AccountContext;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.persistence.LedgerDao;
import io.arktasksync.persistence.SyncRunDao;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run record ({@link SyncRunListener}): a job listener the job picks up with the others, defined here because
 * it needs the exit codes, which are the run's.
 */
@Configuration(proxyBeanMethods = false)
class RunRecordConfiguration {

    @Bean
    @JobScope
    SyncRunListener syncRunListener(SyncRunDao syncRunDao, LedgerDao ledgerDao, SyncRunStatistics syncRunStatistics,
            AccountContext accountContext, JobSettings job, Clock clock) {
        return new SyncRunListener(syncRunDao, ledgerDao, syncRunStatistics, accountContext.client(),
                accountContext.account(), accountContext.mode(), job.failWhenUnreconciled(), clock);
    }
}

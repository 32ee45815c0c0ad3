package io.arktasksync.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.arktasksync.lock.RunLock;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.stereotype.Component;

/**
 * The sync job under one name per account, so that Spring Batch keeps each account's job instances apart: the last
 * instance, a restart, {@code recover} and the running executions are looked up by job name. The account
 * {@code default} keeps the job's own name ({@code arkTaskSync}), so runs recorded before accounts had names of
 * their own are resumed as before; any other account's job is {@code arkTaskSync:<account>}. Every name is
 * registered in the {@link JobRegistry}, where {@code JobOperator.restart} finds the job to run.
 */
@Component
public class AccountJobs {

    static final String DEFAULT_ACCOUNT = RunLock.DEFAULT_ACCOUNT;

    private final Job job;

    private final JobRegistry registry;

    private final Map<String, Job> byAccount = new ConcurrentHashMap<>();

    public AccountJobs(Job job, JobRegistry registry) {
        this.job = job;
        this.registry = registry;
    }

    /** The job name of an account's runs. */
    public String nameOf(String account) {
        return DEFAULT_ACCOUNT.equals(account) ? job.getName() : job.getName() + ":" + account;
    }

    Job forAccount(String account) {
        if (DEFAULT_ACCOUNT.equals(account)) {
            return job;
        }
        return byAccount.computeIfAbsent(account, name -> {
            Job named = new NamedJob(nameOf(name), job);
            try {
                registry.register(named);
            }
            catch (DuplicateJobException e) {
                throw new IllegalStateException("two accounts map to the job name " + named.getName(), e);
            }
            return named;
        });
    }

    /** The sync job under another name; everything else is the job's. */
    private record NamedJob(String name, Job delegate) implements Job {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isRestartable() {
            return delegate.isRestartable();
        }

        @Override
        public void execute(JobExecution execution) throws JobInterruptedException {
            delegate.execute(execution);
        }

        @Override
        public JobParametersIncrementer getJobParametersIncrementer() {
            return delegate.getJobParametersIncrementer();
        }

        @Override
        public JobParametersValidator getJobParametersValidator() {
            return delegate.getJobParametersValidator();
        }
    }
}

package io.arktasksync.run;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Runs one sync the way a scheduler needs it: alone on the database, picking up where a failed or stopped run
 * left off, and recovering a run whose process died (it stays STARTED in the job repository forever otherwise).
 */
@Component
public class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final Job job;

    private final Jdbi jdbi;

    public SyncRunner(JobOperator jobOperator, JobRepository jobRepository, Job job, Jdbi jdbi) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.jdbi = jdbi;
    }

    public SyncOutcome run() throws Exception {
        DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi);
        if (lock == null) {
            log.error("Another ark-task-sync run holds the lock on this database; exiting without doing anything");
            return new SyncOutcome(ExitCode.ALREADY_RUNNING, null);
        }
        try (lock) {
            JobExecution execution = launch();
            return new SyncOutcome(ExitCode.forExecution(execution), execution);
        }
    }

    private JobExecution launch() throws Exception {
        JobInstance lastInstance = jobRepository.getLastJobInstance(job.getName());
        JobExecution last = lastInstance == null ? null : jobRepository.getLastJobExecution(lastInstance);
        if (last != null && last.getStatus().isRunning()) {
            // We hold the lock, so no live process runs it: its process was killed.
            log.warn("Run {} was left {} by a process that died; marking it failed so it can be resumed",
                    last.getId(), last.getStatus());
            last = jobOperator.recover(last);
        }
        if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
            log.info("Resuming run {} ({})", last.getId(), last.getStatus());
            return jobOperator.restart(last);
        }
        return jobOperator.startNextInstance(job);
    }
}

package io.arktasksync.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.JobSettings;
import io.arktasksync.job.SyncJobSteps;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.plan.SyncPlanner;
import io.arktasksync.lock.RunLock;
import io.arktasksync.persistence.SyncRunDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs one sync the way a scheduler needs it: alone on the database, picking up where a failed or stopped run
 * left off (only when its sync step did not complete: each run syncs first, whatever a later step did), and
 * recovering a run whose process died (it stays STARTED in the job repository forever otherwise).
 * <p>
 * On SIGTERM (pod eviction, {@code docker stop}) a shutdown hook ({@link GracefulStop}) asks the job to stop; it
 * stops at the next chunk boundary, is recorded as STOPPED (the next run resumes it) and the hook lets the JVM exit,
 * at the latest after {@code ark.shutdown-grace-period}. Spring's own shutdown hook is off so the database stays
 * usable meanwhile. While the job runs, {@link RunLock} makes sure it still holds its lock.
 * <p>
 * However the run ends, the {@link SyncEndedListener}s (metrics) hear of it before the hook lets the JVM exit.
 * <p>
 * Everything here is per account: the lock, the job instance (its own job name, {@link AccountJobs}), the plan and
 * the abandoned runs closed. Runs of different accounts may run at the same time, in one process or several.
 */
@Component
public class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final AccountJobs jobs;

    private final Duration shutdownGracePeriod;

    private final SyncPlanner planner;

    private final ObjectProvider<SyncEndedListener> endedListeners;

    private final RunLock runLock;

    private final SyncRunDao syncRuns;

    private static final RunIdIncrementer RUN_IDS = new RunIdIncrementer();

    /** Job parameter naming the {@link SyncMode}; kept by a restart, so a resumed run keeps its plan. */
    public static final String MODE_PARAMETER = "mode";

    /**
     * Identifying job parameter naming the account; absent from runs recorded before accounts had their own jobs,
     * which were all of the account {@code default}'s job.
     */
    public static final String ACCOUNT_PARAMETER = "account";

    public SyncRunner(JobOperator jobOperator, JobRepository jobRepository, AccountJobs jobs,
            JobSettings job, SyncPlanner planner, RunLock runLock, SyncRunDao syncRuns,
            ObjectProvider<SyncEndedListener> endedListeners) {
        this.planner = planner;
        this.runLock = runLock;
        this.syncRuns = syncRuns;
        this.endedListeners = endedListeners;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs;
        this.shutdownGracePeriod = job.shutdownGracePeriod();
    }

    /**
     * Syncs one account.
     *
     * @param account the account's settings ({@code account()} names it)
     */
    public SyncOutcome run(AccountSettings account) throws Exception {
        String name = account.account();
        RunLock.Held lock = runLock.tryHold(name);
        if (lock == null) {
            log.error("Another ark-task-sync run holds the lock of account {} on this database; exiting without doing "
                    + "anything", name);
            ended(name, ExitCode.ALREADY_RUNNING);
            return new SyncOutcome(ExitCode.ALREADY_RUNNING, null);
        }
        Job job = jobs.forAccount(name);
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnTermination = new Thread(new GracefulStop(() -> stopRunningSyncs(job), finished,
                shutdownGracePeriod), "graceful-stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnTermination);
        ExitCode exitCode = ExitCode.FAILED;
        try (lock) {
            closeAbandonedRuns(name);
            JobExecution execution = launch(job, account);
            exitCode = ExitCode.forExecution(execution);
            return new SyncOutcome(exitCode, execution);
        }
        catch (Exception e) {
            exitCode = ExitCode.forFailure(e);
            throw e;
        }
        finally {
            // Only now may a SIGTERM hook let the JVM halt: the job has recorded its outcome (ark.sync_runs included),
            // and the listeners (metrics) must hear of it first, since the context is never closed after a halt.
            ended(name, exitCode);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnTermination);
            }
            catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the job has finished
            }
        }
    }

    private void ended(String account, ExitCode exitCode) {
        endedListeners.orderedStream().forEach(listener -> {
            try {
                listener.syncEnded(account, exitCode);
            }
            catch (RuntimeException e) {
                log.warn("After the sync ended, {} failed: {}", listener.getClass().getSimpleName(), e.toString());
            }
        });
    }

    /** Asks the running execution to stop at its next chunk boundary; see {@link GracefulStop}. */
    private int stopRunningSyncs(Job job) {
        int stopping = 0;
        for (JobExecution running : jobRepository.findRunningJobExecutions(job.getName())) {
            if (running.getStatus() != BatchStatus.STOPPING) {
                try {
                    jobOperator.stop(running);
                }
                catch (JobExecutionNotRunningException finishedMeanwhile) {
                    // it ended on its own: nothing left to stop, the hook just waits for the outcome to be recorded
                }
            }
            stopping++;
        }
        return stopping;
    }

    /**
     * Closes the rows of {@code ark.sync_runs} that a process left open because it died (SIGKILL, OOM kill, power
     * loss), lost its database, or was halted between Spring Batch recording the end of the run and the run's own
     * row: with the lock held, no live run owns them, and an operator must not read them as running.
     */
    private void closeAbandonedRuns(String account) {
        int closed = syncRuns.closeAbandoned(account, ExitCode.STOPPED.code(), ExitCode.FAILED.code());
        if (closed > 0) {
            log.warn("Closed {} run(s) of account {} in ark.sync_runs left open by a process that ended without "
                    + "recording an outcome", closed, account);
        }
    }

    /** Whether the sync step of the execution's job instance completed, in it or in an earlier execution. */
    private boolean syncStepCompleted(JobExecution execution) {
        StepExecution sync = jobRepository.getLastStepExecution(execution.getJobInstance(), SyncJobSteps.SYNC);
        return sync != null && sync.getStatus() == BatchStatus.COMPLETED;
    }

    /**
     * The account's last job instance, once any left without an execution is removed. Spring Batch stores an
     * instance and then its first execution, in two transactions: a process killed between the two leaves an instance
     * that holds nothing, and taken as the last run it has no parameters to take the next run id from, so every later
     * run of the account would fail on it. We hold the account's lock, so no live process is about to add one.
     */
    private JobInstance lastInstance(String jobName) {
        JobInstance last = jobRepository.getLastJobInstance(jobName);
        while (last != null && jobRepository.getLastJobExecution(last) == null) {
            log.warn("Run instance {} was left without an execution by a process that died; removing it",
                    last.getInstanceId());
            jobRepository.deleteJobInstance(last);
            last = jobRepository.getLastJobInstance(jobName);
        }
        return last;
    }

    private JobExecution launch(Job job, AccountSettings account) throws Exception {
        JobInstance lastInstance = lastInstance(job.getName());
        JobExecution last = lastInstance == null ? null : jobRepository.getLastJobExecution(lastInstance);
        if (last != null && last.getStatus().isRunning()) {
            // We hold the lock, so no live process runs it: its process was killed.
            log.warn("Run {} was left {} by a process that died; marking it failed so it can be resumed",
                    last.getId(), last.getStatus());
            last = jobOperator.recover(last);
        }
        if (last != null) {
            last = UnknownStepRelease.release(jobRepository, last);
        }
        if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
            if (!syncStepCompleted(last)) {
                log.info("Resuming run {} ({})", last.getId(), last.getStatus());
                return jobOperator.restart(last);
            }
            // A restart would skip the completed sync step and only re-run the later one, run after run, while new
            // tasks went unsynced. A new run syncs first; the archive finds its pending links in ark.task_artifacts.
            log.warn("Run {} stored its sync and ended {} in a later step; starting a new run, which syncs first",
                    last.getId(), last.getStatus());
        }
        SyncMode mode = planner.chooseMode(account);
        JobParameters previous = lastInstance == null || last == null ? new JobParameters() : last.getJobParameters();
        JobParameters next = new JobParametersBuilder(RUN_IDS.getNext(previous))
            .addString(ACCOUNT_PARAMETER, account.account(), true)
            .addString(MODE_PARAMETER, mode.parameter(), false)
            .toJobParameters();
        return jobOperator.start(job, next);
    }
}

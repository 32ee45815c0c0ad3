package io.arktasksync.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.arktasksync.config.ArkProperties;
import io.arktasksync.job.SyncMode;
import io.arktasksync.job.SyncPlanner;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs one sync the way a scheduler needs it: alone on the database, picking up where a failed or stopped run
 * left off, and recovering a run whose process died (it stays STARTED in the job repository forever otherwise).
 * <p>
 * On SIGTERM (pod eviction, {@code docker stop}) a shutdown hook asks the job to stop; it stops at the next chunk
 * boundary, is recorded as STOPPED (the next run resumes it) and the hook lets the JVM exit, at the latest after
 * {@code ark.shutdown-grace-period}. Spring's own shutdown hook is off so the database stays usable meanwhile.
 * <p>
 * However the run ends, the {@link SyncEndedListener}s (metrics) hear of it before the hook lets the JVM exit.
 */
@Component
public class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final Job job;

    private final Jdbi jdbi;

    private final Duration shutdownGracePeriod;

    private final SyncPlanner planner;

    private final ObjectProvider<SyncEndedListener> endedListeners;

    private static final RunIdIncrementer RUN_IDS = new RunIdIncrementer();

    /** Job parameter naming the {@link SyncMode}; kept by a restart, so a resumed run keeps its plan. */
    public static final String MODE_PARAMETER = "mode";

    public SyncRunner(JobOperator jobOperator, JobRepository jobRepository, Job job, Jdbi jdbi,
            ArkProperties properties, SyncPlanner planner, ObjectProvider<SyncEndedListener> endedListeners) {
        this.planner = planner;
        this.endedListeners = endedListeners;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.jdbi = jdbi;
        this.shutdownGracePeriod = properties.shutdownGracePeriod();
    }

    public SyncOutcome run() throws Exception {
        DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi);
        if (lock == null) {
            log.error("Another ark-task-sync run holds the lock on this database; exiting without doing anything");
            ended(ExitCode.ALREADY_RUNNING);
            return new SyncOutcome(ExitCode.ALREADY_RUNNING, null);
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnTermination = new Thread(() -> stopGracefully(finished), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(stopOnTermination);
        ExitCode exitCode = ExitCode.FAILED;
        try (lock) {
            closeAbandonedRuns();
            JobExecution execution = launch();
            exitCode = ExitCode.forExecution(execution);
            return new SyncOutcome(exitCode, execution);
        }
        catch (Exception e) {
            exitCode = ExitCode.forFailure(e);
            throw e;
        }
        finally {
            // Before the latch: once the hook returns on SIGTERM, the JVM halts, and the context is never closed.
            ended(exitCode);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnTermination);
            }
            catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the job has finished
            }
        }
    }

    private void ended(ExitCode exitCode) {
        endedListeners.orderedStream().forEach(listener -> {
            try {
                listener.syncEnded(exitCode);
            }
            catch (RuntimeException e) {
                log.warn("After the sync ended, {} failed: {}", listener.getClass().getSimpleName(), e.toString());
            }
        });
    }

    private void stopGracefully(CountDownLatch finished) {
        log.warn("Termination requested: stopping the sync at the next chunk boundary (grace period {} s)",
                shutdownGracePeriod.toSeconds());
        try {
            for (JobExecution running : jobRepository.findRunningJobExecutions(job.getName())) {
                jobOperator.stop(running);
            }
            if (!finished.await(shutdownGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                log.error("The sync did not stop within {} s; exiting anyway, the next run recovers it",
                        shutdownGracePeriod.toSeconds());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception e) {
            log.error("Could not stop the sync cleanly: {}; the next run recovers it", e.getMessage());
        }
    }

    /**
     * Closes the rows of {@code ark.sync_runs} that a process left open because it died (SIGKILL, OOM kill, power
     * loss) or lost its database before it could record how the run ended: with the lock held, no live run owns
     * them, and an operator must not read them as running.
     */
    private void closeAbandonedRuns() {
        int closed = jdbi.withHandle(handle -> handle.createUpdate("""
                UPDATE ark.sync_runs
                SET status = 'FAILED', exit_code = :exitCode, finished_at = now(),
                    message = coalesce(message, 'The process ended without recording an outcome (killed, or it lost '
                        || 'the database); the next run took over from it')
                WHERE finished_at IS NULL
                """).bind("exitCode", ExitCode.FAILED.code()).execute());
        if (closed > 0) {
            log.warn("Closed {} run(s) in ark.sync_runs left open by a process that ended without recording an "
                    + "outcome", closed);
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
        SyncMode mode = planner.chooseMode();
        JobParameters previous = lastInstance == null || last == null ? new JobParameters() : last.getJobParameters();
        JobParameters next = new JobParametersBuilder(RUN_IDS.getNext(previous))
            .addString(MODE_PARAMETER, mode.parameter(), false)
            .toJobParameters();
        return jobOperator.start(job, next);
    }
}

package io.arktasksync.archive;

import java.time.Duration;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The archive step of the sync job: one pass over the account's links after the sync step stored them. SIGTERM (the
 * job asked to stop, which the job repository records as STOPPING) abandons the downloads in flight unrecorded and
 * ends the pass; the step is then recorded STOPPED (exit 143), and the next run, a new one, syncs first and then
 * archives the rest.
 * <p>
 * Not a {@code StoppableTasklet}: the operator's stop would then update this step's execution from another thread,
 * and the step's own last update would fail on the version.
 */
final class ArchiveTasklet implements Tasklet {

    /** How often the downloads may look at the job repository for a stop request. */
    private static final long STOP_CHECK_NANOS = Duration.ofSeconds(1).toNanos();

    private final ArchiveRun run;

    private final String account;

    private final Runnable lockCheck;

    private final JobRepository jobRepository;

    ArchiveTasklet(ArchiveRun run, String account, Runnable lockCheck, JobRepository jobRepository) {
        this.run = run;
        this.account = account;
        this.lockCheck = lockCheck;
        this.jobRepository = jobRepository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        StopRequest stop = new StopRequest(step.getJobExecutionId());
        ArchiveSummary summary = run.archive(account, lockCheck, () -> step.isTerminateOnly() || stop.requested(),
                true);
        if (summary.stopped()) {
            // ends the step STOPPED rather than COMPLETED: the run was stopped, not finished (exit 143)
            throw new JobInterruptedException("Archive stopped at the run's request after " + summary.files()
                    + " files; the next run syncs, then archives the rest", BatchStatus.STOPPED);
        }
        contribution.incrementWriteCount(summary.files());
        step.getExecutionContext().putLong("archive.files", summary.files());
        step.getExecutionContext().putLong("archive.bytes", summary.bytes());
        step.getExecutionContext().putLong("archive.expired", summary.expired());
        step.getExecutionContext().putLong("archive.failed", summary.failed());
        return RepeatStatus.FINISHED;
    }

    /** Whether the job was asked to stop, read from the job repository at most once a second; then remembered. */
    private final class StopRequest {

        private final long jobExecutionId;

        private volatile boolean requested;

        private long checkedNanos = System.nanoTime();

        StopRequest(long jobExecutionId) {
            this.jobExecutionId = jobExecutionId;
        }

        boolean requested() {
            if (requested) {
                return true;
            }
            synchronized (this) {
                long now = System.nanoTime();
                if (!requested && now - checkedNanos >= STOP_CHECK_NANOS) {
                    checkedNanos = now;
                    JobExecution job = jobRepository.getJobExecution(jobExecutionId);
                    requested = job != null && (job.getStatus() == BatchStatus.STOPPING
                            || job.getStatus() == BatchStatus.STOPPED);
                }
                return requested;
            }
        }
    }
}

package io.arktasksync.archive;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The archive step of the sync job: one pass over the account's links after the sync step stored them. SIGTERM (the
 * job asked to stop: {@link #stop()}) abandons the downloads in flight unrecorded and ends the pass; the step is
 * then recorded stopped and the next run resumes it.
 */
final class ArchiveTasklet implements StoppableTasklet {

    private volatile boolean stopRequested;

    private final ArchiveRun run;

    private final String account;

    private final Runnable lockCheck;

    ArchiveTasklet(ArchiveRun run, String account, Runnable lockCheck) {
        this.run = run;
        this.account = account;
        this.lockCheck = lockCheck;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ArchiveSummary summary = run.archive(account, lockCheck, () -> stopRequested || step.isTerminateOnly());
        if (summary.stopped()) {
            // ends the step STOPPED rather than COMPLETED, so that the next run resumes the archive
            step.setTerminateOnly();
        }
        contribution.incrementWriteCount(summary.files());
        step.getExecutionContext().putLong("archive.files", summary.files());
        step.getExecutionContext().putLong("archive.bytes", summary.bytes());
        step.getExecutionContext().putLong("archive.expired", summary.expired());
        step.getExecutionContext().putLong("archive.failed", summary.failed());
        return RepeatStatus.FINISHED;
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}

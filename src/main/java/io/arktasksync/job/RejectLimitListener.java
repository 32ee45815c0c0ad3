package io.arktasksync.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Fails the run when more than {@code maxRejectRatio} of the items read were rejected: a few odd items are normal
 * (they wait in {@code ark.task_rejects}), a flood means the API changed shape and someone must look. Everything
 * that could be stored is stored either way; the step completes, so the next run starts fresh instead of
 * restarting into the same verdict.
 */
public class RejectLimitListener implements StepExecutionListener {

    /** Exit status of the sync step when the reject limit was exceeded. */
    public static final String REJECT_LIMIT_EXCEEDED = "REJECT_LIMIT_EXCEEDED";

    private static final Logger log = LoggerFactory.getLogger(RejectLimitListener.class);

    private final SyncRunStatistics statistics;

    private final double maxRejectRatio;

    public RejectLimitListener(SyncRunStatistics statistics, double maxRejectRatio) {
        this.statistics = statistics;
        this.maxRejectRatio = maxRejectRatio;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long rejected = statistics.rejected();
        long read = statistics.itemsRead();
        if (rejected > 0 && rejected > maxRejectRatio * read) {
            String message = String.format("%d of %d items (%.2f%%) were rejected, more than ARK_MAX_REJECT_RATIO=%s "
                    + "allows; see ark.task_rejects for the reasons", rejected, read, 100.0 * rejected / read,
                    maxRejectRatio);
            log.error(message);
            return new ExitStatus(REJECT_LIMIT_EXCEEDED, message);
        }
        return null;
    }
}

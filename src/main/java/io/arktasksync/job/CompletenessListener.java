package io.arktasksync.job;

import io.arktasksync.job.reader.SliceLedger;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Turns an unreconciled ledger into a failed exit status when the operator asked for that
 * (ARK_FAIL_WHEN_UNRECONCILED); otherwise the run record only warns. A listing with items quarantined in
 * {@code ark.task_rejects} is such a listing (listed, not stored). The step still completes: what was read is
 * stored, and the next run starts fresh.
 */
public class CompletenessListener implements StepExecutionListener {

    /** Exit status of the sync step when a listing could not be reconciled and that is configured to fail. */
    public static final String NOT_RECONCILED = "NOT_RECONCILED";

    private final SyncRunStatistics statistics;

    private final boolean failWhenUnreconciled;

    public CompletenessListener(SyncRunStatistics statistics, boolean failWhenUnreconciled) {
        this.statistics = statistics;
        this.failWhenUnreconciled = failWhenUnreconciled;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (failWhenUnreconciled && !statistics.reconciled()) {
            long quarantined = statistics.ledgers().stream().mapToLong(SliceLedger::quarantined).sum();
            return new ExitStatus(NOT_RECONCILED, "A listing could not be reconciled; see ark.sync_ledger for this run"
                    + (quarantined == 0 ? ""
                            : " (" + quarantined + " listed item(s) quarantined in ark.task_rejects, not stored)"));
        }
        return null;
    }
}

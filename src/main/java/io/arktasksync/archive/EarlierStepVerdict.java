package io.arktasksync.archive;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A job's exit status is its last step's: without this, the archive step would hide the sync step's verdict (too
 * many rejects, a listing not reconciled) and the run would exit 0. A completed archive step hands on the exit
 * status of an earlier step of the same execution that ended with something other than COMPLETED.
 */
final class EarlierStepVerdict implements StepExecutionListener {

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (!ExitStatus.COMPLETED.getExitCode().equals(stepExecution.getExitStatus().getExitCode())) {
            return null;
        }
        for (StepExecution earlier : stepExecution.getJobExecution().getStepExecutions()) {
            if (earlier != stepExecution && earlier.getId() != stepExecution.getId()
                    && !ExitStatus.COMPLETED.getExitCode().equals(earlier.getExitStatus().getExitCode())
                    && !ExitStatus.NOOP.getExitCode().equals(earlier.getExitStatus().getExitCode())) {
                return earlier.getExitStatus();
            }
        }
        return null;
    }
}

package io.arktasksync.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Lets a run resume whose last chunk ended in Spring Batch's UNKNOWN status.
 * <p>
 * Spring Batch records a step as UNKNOWN when the database connection drops while a chunk commits: the commit's outcome
 * cannot be known, and Batch refuses to restart such a step ("manual intervention is probably necessary"). For this
 * job the intervention is always the same and always safe: a chunk's rows and the checkpoint Batch keeps of it commit
 * in one transaction of one database, so whichever way that commit went, the checkpoint recorded matches the rows
 * stored, and the reader resumes from the first page of the chunk after it (writes are idempotent). So the step is
 * recorded as FAILED, which Batch restarts. Called with the run lock held: no live process owns the execution.
 */
final class UnknownStepRelease {

    private static final Logger log = LoggerFactory.getLogger(UnknownStepRelease.class);

    private UnknownStepRelease() {
    }

    /** @return the execution, its UNKNOWN steps (and itself, if UNKNOWN) recorded as FAILED */
    static JobExecution release(JobRepository jobRepository, JobExecution last) {
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                log.warn("Step {} of run {} ended UNKNOWN (its database connection dropped while a chunk committed); "
                        + "resuming it from its last recorded checkpoint, which always matches the stored rows",
                        step.getStepName(), last.getId());
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("UNKNOWN outcome released for restart"));
                jobRepository.update(step);
            }
        }
        if (last.getStatus() == BatchStatus.UNKNOWN) {
            last.setStatus(BatchStatus.FAILED);
            jobRepository.update(last);
        }
        return last;
    }
}

package io.arktasksync.run;

import io.arktasksync.cli.exit.ExitCode;

import org.springframework.batch.core.job.JobExecution;

/** How a sync ended: the exit code, and the job execution when one ran. */
public record SyncOutcome(ExitCode exitCode, JobExecution execution) {
}

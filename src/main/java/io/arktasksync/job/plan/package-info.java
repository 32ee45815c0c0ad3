/**
 * What a sync run reads, decided before it reads: the run's {@link io.arktasksync.job.plan.SyncMode} (full or
 * incremental, chosen by {@link io.arktasksync.job.plan.SyncPlanner#chooseMode} before the job starts and kept by a
 * restart) and its {@link io.arktasksync.job.plan.SyncPlan}: the listings ({@code ListingPlan} turns the filters into
 * listings; an incremental run reads each tier's head down to a floor) and the follow-up listings that recheck tasks stored unfinished
 * ({@code UnfinishedRecheck}, which proves with a count, {@code QueuedBacklogProbe}, which stored queued tasks left the
 * queue).
 * <p>
 * Depends on the settings, the reader's listing types and the planning queries of the persistence package; the job
 * package ({@code AccountContext}) holds the plan for one job execution, the reader reads it.
 */
package io.arktasksync.job.plan;

package io.arktasksync.job;

/** The names the job repository records the sync job's steps under. */
public final class SyncJobSteps {

    /**
     * The step that lists the API and stores the tasks, always the job's first. A run that ended FAILED or STOPPED
     * is resumed only while this step has not completed: a later step's trouble (the archive) never makes the next
     * run skip syncing.
     */
    public static final String SYNC = "syncTasks";

    private SyncJobSteps() {
    }
}

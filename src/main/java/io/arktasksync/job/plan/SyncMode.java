package io.arktasksync.job.plan;

import java.util.Locale;

/** How much of the API a run reads. */
public enum SyncMode {

    /** Every page of every listing. */
    FULL,

    /**
     * The newest pages of each tier down to what the database already holds (minus an overlap), and the tasks the
     * database still holds as queued or running, by id.
     */
    INCREMENTAL;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncMode fromParameter(String value) {
        return value == null ? FULL : valueOf(value.toUpperCase(Locale.ROOT));
    }
}

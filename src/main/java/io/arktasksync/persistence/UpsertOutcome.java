package io.arktasksync.persistence;

/**
 * What one chunk upsert did.
 *
 * @param inserted tasks seen for the first time
 * @param updated known tasks whose item changed
 * @param historyRows versions appended to {@code ark.task_history}
 * @param usageMissing succeeded tasks whose item carried no usage and that had none stored: their tokens are not
 *        reported
 */
public record UpsertOutcome(long inserted, long updated, long historyRows, long usageMissing) {

    public static final UpsertOutcome NOTHING = new UpsertOutcome(0, 0, 0, 0);

    /** What two parts of a chunk did together. */
    public UpsertOutcome plus(UpsertOutcome other) {
        return new UpsertOutcome(inserted + other.inserted, updated + other.updated, historyRows + other.historyRows,
                usageMissing + other.usageMissing);
    }
}

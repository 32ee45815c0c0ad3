package io.arktasksync.persistence;

/**
 * What one chunk upsert did.
 *
 * @param inserted tasks seen for the first time
 * @param updated known tasks whose item changed
 * @param historyRows versions appended to {@code ark.task_history}
 */
public record UpsertOutcome(long inserted, long updated, long historyRows) {
}

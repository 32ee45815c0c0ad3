package io.arktasksync.persistence;

/**
 * A task the database holds as {@code queued}.
 *
 * @param createdAt its creation time in Unix seconds (0 when the item had none)
 * @param recheck young enough that the API may still list it: an incremental run rechecks it
 */
public record StoredQueuedTask(String id, long createdAt, boolean recheck) {
}

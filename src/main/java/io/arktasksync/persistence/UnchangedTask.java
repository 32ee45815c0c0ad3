package io.arktasksync.persistence;

/**
 * A task of a chunk whose stored row was written from the same content.
 *
 * @param touch its {@code last_seen_at} is older than the resolution or it is marked gone: the only columns a write
 * would change, which {@link UnchangedTaskDao#touch} sets without staging the task
 */
public record UnchangedTask(String id, boolean touch) {
}

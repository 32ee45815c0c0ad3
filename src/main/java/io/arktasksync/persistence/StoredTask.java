package io.arktasksync.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What decides whether a task seen again needs a write: its stored content hash, when it was last seen, and whether
 * it is marked gone. Read for a whole full run at once by {@link UnchangedTaskDao#storedTasks}.
 */
public record StoredTask(String id, UUID contentHash, OffsetDateTime lastSeenAt, boolean gone) {
}

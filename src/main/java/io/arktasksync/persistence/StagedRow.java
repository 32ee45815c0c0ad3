package io.arktasksync.persistence;

import java.util.UUID;

import io.arktasksync.mapping.MappingResult;

/**
 * One task encoded as a {@code sync_input} row of the binary COPY stream, with its content hash.
 *
 * @param task the mapped task it was encoded from
 * @param contentHash {@link ChunkStaging#contentHash}: what the row is made from (the item as received, its listing's
 * tier, the mapping's version) and the account writing it, stored in {@code ark.tasks.content_hash} when the task is
 * written: equal hashes mean the job would write the same row again
 * @param rows the buffer holding the row in COPY binary format, {@code content_hash} included, beside the other rows
 * of its chunk (one buffer a chunk instead of an array a row: a full re-run encodes 250,000 rows only to hash them)
 * @param offset where the row starts in {@code rows}
 * @param length its length in bytes
 */
public record StagedRow(MappingResult.Mapped task, UUID contentHash, byte[] rows, int offset, int length) {

    public String id() {
        return task.task().id();
    }
}

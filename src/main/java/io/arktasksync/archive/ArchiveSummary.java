package io.arktasksync.archive;

/**
 * What one archive pass did.
 *
 * @param files artifacts archived (copied and verified)
 * @param bytes bytes of those copies
 * @param expired links the storage host refused (dead), recorded as expired
 * @param failed artifacts that failed every attempt; a later run tries them again
 * @param seconds how long the pass took
 * @param stopped whether the pass stopped early because the run was asked to stop
 */
public record ArchiveSummary(long files, long bytes, long expired, long failed, double seconds, boolean stopped) {
}

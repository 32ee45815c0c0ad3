package io.arktasksync.simulator;

/**
 * A validated list request: which page, how big, and which entries.
 *
 * @param pageNum  1-based page number
 * @param pageSize items per page
 * @param filter   the entries counted in {@code total} and paged
 */
record ListQuery(int pageNum, int pageSize, TaskFilter filter) {
}

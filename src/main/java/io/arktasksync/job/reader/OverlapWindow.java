package io.arktasksync.job.reader;

/**
 * A forward request that starts {@code margin} or more items before the frontier, so that the tasks that slid back
 * over the frontier since it was read are inside it. The API pages by {@code page_num} and {@code page_size} only, so
 * a window starts at a multiple of its size: the size is chosen (between half the page size and the page size) to
 * start at or below {@code frontier - margin} and to reach as far past the frontier as possible.
 * <p>
 * Why: under sustained churn every request lowers {@code total}. Reading the boundary page again after a drop then
 * shows another drop, whose tasks may have slid over the frontier meanwhile, and so on without end. A window that
 * overlaps the frontier by more than the drop since the frontier was read covers both at once, and moves on.
 *
 * @param page the {@code page_num} to ask
 * @param size the {@code page_size} to ask
 */
record OverlapWindow(int page, int size) {

    /** Smallest page size worth overlapping with; below it the reader re-reads the boundary page instead. */
    static final int MIN_PAGE_SIZE = 20;

    long start() {
        return (long) (page - 1) * size;
    }

    /**
     * @return the window, or null when none starts low enough and still reaches past the frontier (the margin is
     *         half a page or more), or none is within {@code maxPageNum}
     */
    static OverlapWindow choose(long frontier, long margin, int pageSize, int maxPageNum) {
        if (pageSize < MIN_PAGE_SIZE || margin * 2 > pageSize) {
            return null;
        }
        OverlapWindow best = null;
        long bestEnd = frontier;
        for (int size = pageSize; size >= Math.max(pageSize / 2, 1); size--) {
            long below = Math.max(0, frontier - margin);
            long page = below / size + 1;
            long end = (page - 1) * size + size;
            if (page <= maxPageNum && end > bestEnd) {
                best = new OverlapWindow((int) page, size);
                bestEnd = end;
            }
        }
        return best;
    }
}

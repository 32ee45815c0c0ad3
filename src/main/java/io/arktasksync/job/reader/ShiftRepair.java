package io.arktasksync.job.reader;

import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Shift repair for one listing. Offset paging has no snapshot. New tasks enter at the head and only push the rest
 * back (a page repeats a few items: duplicates, merged by the writer). A task is skipped only when tasks ahead of it
 * leave the listing (deleted, or moved out of a status filter) between two reads: it slides over the boundary into a
 * page already read. Every such slide lowers {@code total} by at least as much, so when a read shows a lower total
 * than the read before, the pages just before the forward boundary are queued to be read again, enough of them to
 * cover the drop. A re-read that shows another drop extends the repair. A listing whose repairs would exceed the
 * budget is flagged (the caller marks its ledger unreconciled).
 * <p>
 * <b>Overlap instead of re-reads.</b> With pages of {@value OverlapWindow#MIN_PAGE_SIZE} or more, a drop is not
 * repaired by reading the boundary page again: under churn on every request that re-read shows a new drop, whose
 * tasks may have slid over the frontier meanwhile, and the chain never ends. The drop becomes a debt on the
 * frontier instead (the offset up to which every task that stayed has been seen), and the next forward read is an
 * {@link OverlapWindow} starting more than the debt below it: every task that slid back is inside, the frontier
 * moves to the window's end and the debt is paid. A read that did not start low enough (the drop it showed was
 * larger than its margin) leaves the frontier where it was and counts against the budget. Only a debt of half a page
 * or more falls back to re-reading the pages below the frontier.
 */
final class ShiftRepair {

    /** What a total told. */
    enum Verdict {
        STEADY, DROPPED, BUDGET_SPENT
    }

    private int pageSize;

    /** Pages to read again, highest first. */
    private final NavigableSet<Integer> queued = new TreeSet<>(Collections.reverseOrder());

    /** Highest page read going forward, 0 before the first. */
    private int forwardPage;

    private long lastTotal = -1;

    private long largestTotal = -1;

    private int rereads;

    private long lastDrop;

    private long largestDrop;

    /**
     * Whether drops at the frontier are covered by the next forward read overlapping it ({@link OverlapWindow})
     * instead of by reading the boundary page again; decided by the page size.
     */
    private boolean overlapping;

    /** Offset up to which every task that stayed in the listing has been seen (as of the last covering read). */
    private long frontier;

    /** How far tasks may have slid back over the frontier since it was read: the drops since, not yet covered. */
    private long debt;

    private boolean writtenOff;

    /** False for a listing whose skips are covered otherwise ({@link FollowUpListings#covers}): totals only noted. */
    private final boolean repairing;

    ShiftRepair(int pageSize) {
        this(pageSize, true);
    }

    ShiftRepair(int pageSize, boolean repairing) {
        this.pageSize = pageSize;
        this.repairing = repairing;
        this.overlapping = repairing && pageSize >= OverlapWindow.MIN_PAGE_SIZE;
    }

    /**
     * Compares a read's total with the previous read's. A drop of {@code d} can have pushed up to {@code d} tasks
     * back over the forward boundary, into the last {@code ceil(d / pageSize)} pages read: those are queued.
     */
    Verdict totalSeen(long total) {
        long previous = lastTotal;
        if (total >= 0) {
            lastTotal = total;
            largestTotal = Math.max(largestTotal, total);
        }
        if (previous < 0 || total < 0 || total >= previous || forwardPage == 0 || !repairing) {
            return Verdict.STEADY;
        }
        lastDrop = previous - total;
        largestDrop = Math.max(largestDrop, lastDrop);
        if (overlapping) {
            debt += lastDrop;
            if (rereads > budget()) {
                debt = 0;
                return Verdict.BUDGET_SPENT;
            }
            if (debt * 2 <= pageSize) {
                return Verdict.DROPPED;
            }
            // Too far to overlap: the pages below the frontier that the slid tasks can be in are read again.
            long from = Math.max(0, frontier - debt);
            debt = 0;
            int lowest = (int) (from / pageSize) + 1;
            if (rereads + queued.size() + (forwardPage - lowest + 1) > budget()) {
                return Verdict.BUDGET_SPENT;
            }
            for (int page = forwardPage; page >= lowest; page--) {
                queued.add(page);
            }
            return Verdict.DROPPED;
        }
        int pagesBack = (int) Math.min(forwardPage, (lastDrop + pageSize - 1) / pageSize);
        if (rereads + queued.size() + pagesBack > budget()) {
            return Verdict.BUDGET_SPENT;
        }
        for (int page = forwardPage; page > forwardPage - pagesBack; page--) {
            queued.add(page);
        }
        return Verdict.DROPPED;
    }

    /** The page just read going forward: the boundary a later drop is measured from. */
    void forwardRead(int pageNum) {
        forwardPage = pageNum;
        frontier = (long) pageNum * pageSize;
    }

    /**
     * The next forward read: the aligned page while nothing dropped, a window overlapping the frontier by the debt
     * and a margin for the drop the read itself will see; null when the reader should page as it always did.
     */
    OverlapWindow nextWindow(int maxPageNum) {
        if (!overlapping || largestDrop == 0) {
            return null;
        }
        OverlapWindow window = OverlapWindow.choose(frontier, debt + 2 * largestDrop + 2, pageSize, maxPageNum);
        if (window == null) {
            window = OverlapWindow.choose(frontier, debt, pageSize, maxPageNum);
        }
        if (window == null) {
            // Drops of half a page or more per request: no window can cover them. The debt is written off (the
            // caller flags the listing) and reading goes on from the frontier, so that it still ends.
            writeOff();
            window = new OverlapWindow((int) Math.min(maxPageNum, frontier / pageSize + 1), pageSize);
        }
        return window;
    }

    /** Whether a debt was written off since the last call: tasks may have been skipped. */
    boolean takeWriteOff() {
        boolean was = writtenOff;
        writtenOff = false;
        return was;
    }

    private void writeOff() {
        debt = 0;
        writtenOff = true;
    }

    /**
     * A forward read of {@code items} items from offset {@code start}, after {@link #totalSeen} took its total:
     * when it started at least the debt below the frontier, every task that slid back over the frontier is in it,
     * and the frontier moves to its end. Otherwise the frontier stays and the read counts against the budget.
     *
     * @return whether the read covered the frontier
     */
    boolean windowRead(long start, int items) {
        if (!overlapping) {
            return true;
        }
        if (frontier - start < debt) {
            rereads++;
            if (rereads <= budget()) {
                return false;
            }
            writeOff();
        }
        debt = 0;
        if (start <= frontier) {
            frontier = Math.max(frontier, start + items);
        }
        forwardPage = (int) ((frontier + pageSize - 1) / pageSize);
        return true;
    }

    long frontier() {
        return frontier;
    }

    boolean overlapping() {
        return overlapping;
    }

    boolean hasRereads() {
        return !queued.isEmpty();
    }

    /** The next page to read again (the highest queued), counted against the budget. */
    int nextReread() {
        rereads++;
        return queued.pollFirst();
    }

    /**
     * The pages are counted in a new size from now on (a relay's cap was learnt): the boundary and the queued
     * re-reads are moved to the pages of the new size that hold the same offsets.
     */
    void resize(int newPageSize, int forwardPageInNewSize) {
        List<Integer> old = List.copyOf(queued);
        queued.clear();
        for (int page : old) {
            long from = (long) (page - 1) * pageSize;
            long to = (long) page * pageSize;
            for (long p = from / newPageSize + 1; (p - 1) * newPageSize < to && p <= forwardPageInNewSize; p++) {
                queued.add((int) p);
            }
        }
        pageSize = newPageSize;
        forwardPage = forwardPageInNewSize;
        overlapping = overlapping && newPageSize >= OverlapWindow.MIN_PAGE_SIZE;
    }

    /**
     * A listing may re-read twice as many pages as it holds (by the largest total it reported), and at least 20:
     * enough for heavy churn, bounded when the churn never settles.
     */
    int budget() {
        long pages = (Math.max(largestTotal, 0) + pageSize - 1) / pageSize;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(20, 2 * Math.max(pages, forwardPage)));
    }

    long lastDrop() {
        return lastDrop;
    }

    long lastTotal() {
        return lastTotal;
    }

    int forwardPage() {
        return forwardPage;
    }

    /** Queued re-reads below {@code page}: the ones a restart at {@code page} still owes. */
    List<Integer> queuedBelow(int page) {
        return queued.stream().filter(p -> p < page).toList();
    }

    /**
     * The state a resumed run continues from: the failed run's last total (a drop while no run was reading is then
     * noticed at the first page read) and its queued re-reads. The pages before the restart page count as read.
     */
    void restore(long total, int restartPage, List<Integer> rereadsOwed) {
        lastTotal = total;
        largestTotal = total;
        forwardPage = total < 0 ? 0 : restartPage - 1;
        frontier = (long) forwardPage * pageSize;
        queued.addAll(rereadsOwed);
    }
}

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

    ShiftRepair(int pageSize) {
        this.pageSize = pageSize;
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
        if (previous < 0 || total < 0 || total >= previous || forwardPage == 0) {
            return Verdict.STEADY;
        }
        lastDrop = previous - total;
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
        queued.addAll(rereadsOwed);
    }
}

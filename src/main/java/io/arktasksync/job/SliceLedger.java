package io.arktasksync.job;

/**
 * The completeness ledger of one listing in one run: what the API said and what the reader did about it. Written
 * to {@code ark.sync_ledger} at the end of the run. Updated by the reader's thread only.
 */
public final class SliceLedger {

    private final String slice;

    private long totalAtStart = -1;

    private long totalAtEnd = -1;

    private int pages;

    private int pagesReread;

    private long itemsRead;

    private long newIds;

    private long repairedItems;

    private int totalDrops;

    private long outOfReach;

    private boolean repairBudgetExhausted;

    SliceLedger(String slice) {
        this.slice = slice;
    }

    /** The first total this run saw is the start: page 1's, or the restart page's in a resumed run. */
    void totalSeen(long total) {
        if (total < 0) {
            return;
        }
        if (totalAtStart < 0) {
            totalAtStart = total;
        }
        totalAtEnd = total;
    }

    void pageRead(int items, long newlySeen) {
        pages++;
        itemsRead += items;
        newIds += newlySeen;
    }

    void pageReread(int items, long repaired) {
        pagesReread++;
        itemsRead += items;
        newIds += repaired;
        repairedItems += repaired;
    }

    void totalDropped() {
        totalDrops++;
    }

    void outOfReach(long tasks) {
        outOfReach += tasks;
    }

    void repairBudgetExhausted() {
        repairBudgetExhausted = true;
    }

    /**
     * Reconciled when every drop of {@code total} was followed by re-reads that found the boundary again, and every
     * task was within reach. A drop is the only way an offset listing skips a task, so a reconciled listing stored
     * every task that existed for the whole read.
     */
    public boolean reconciled() {
        return !repairBudgetExhausted && outOfReach == 0;
    }

    public String slice() {
        return slice;
    }

    public long totalAtStart() {
        return totalAtStart;
    }

    public long totalAtEnd() {
        return totalAtEnd;
    }

    public int pages() {
        return pages;
    }

    public int pagesReread() {
        return pagesReread;
    }

    public long itemsRead() {
        return itemsRead;
    }

    /** Ids this listing showed that no earlier page of the run had shown. */
    public long newIds() {
        return newIds;
    }

    public long repairedItems() {
        return repairedItems;
    }

    public int totalDrops() {
        return totalDrops;
    }

    public long outOfReach() {
        return outOfReach;
    }
}

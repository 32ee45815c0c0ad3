package io.arktasksync.job.reader;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The completeness ledger of one listing in one run: what the API said and what the reader did about it. Written
 * to {@code ark.sync_ledger} at the end of the run. Updated by the reader's thread only, but for the counts the
 * writer keeps: succeeded items without usage, and items quarantined instead of stored.
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

    /** Distinct ids short of what total and repairs account for, at the end of a listing read to its end. */
    private long shortfall;

    private boolean pageNumIgnored;

    /** Items of this listing put in {@code ark.task_rejects} instead of {@code ark.tasks}, and those without an id. */
    private final AtomicLong quarantined = new AtomicLong();

    private final AtomicLong quarantinedWithoutId = new AtomicLong();

    private final Set<String> notes = new LinkedHashSet<>();

    private final AtomicLong succeededWithoutUsage = new AtomicLong();

    public SliceLedger(String slice) {
        this.slice = slice;
    }

    /** The first total this run saw is the start: page 1's, or the restart page's in a resumed run. */
    public void totalSeen(long total) {
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

    /** Tasks a forward read overlapping the frontier found: the shift had skipped them. */
    void repairedByOverlap(long tasks) {
        repairedItems += tasks;
    }

    void totalDropped() {
        totalDrops++;
    }

    void outOfReach(long tasks) {
        outOfReach += tasks;
    }

    void repairBudgetExhausted() {
        repairBudgetExhausted = true;
        notes.add("re-read budget spent");
    }

    /** The listing was read to its end but showed fewer distinct ids than its totals account for. */
    void shortfall(long missing) {
        shortfall = Math.max(shortfall, missing);
        notes.add("read to its end, " + missing + " distinct id(s) short of its total");
    }

    /** The upstream answered page 2 with page 1 again: nothing past the first page can be reached by paging. */
    void pageNumIgnored() {
        pageNumIgnored = true;
        notes.add("page_num ignored upstream");
    }

    /**
     * Items of this listing the writer put in {@code ark.task_rejects} instead of {@code ark.tasks}, whatever the
     * reason (too large, the item a page broke in, a field mapping refuses, a value PostgreSQL refuses, an offset no
     * page could read). Each is a task that was listed and is not stored, so the listing is not reconciled, even when
     * its id was read: the run does not hold that task (or not as listed), and claiming completeness would let the
     * next run be incremental and mark a stored copy of it gone. Called by the writer's thread.
     */
    public void quarantined(long withId, long withoutId) {
        quarantined.addAndGet(withId + withoutId);
        quarantinedWithoutId.addAndGet(withoutId);
    }

    /** Something worth knowing about this listing that does not by itself make it unreconciled. */
    void note(String note) {
        notes.add(note);
    }

    /**
     * Reconciled when every drop of {@code total} was followed by re-reads that found the boundary again, every
     * task was within reach, paging worked, and a listing read to its end showed as many distinct ids as its totals
     * account for (the sanity rule, which catches what no other rule foresaw), and no item of it was quarantined. A
     * drop is the only way an offset listing skips a task, so a reconciled listing stored every task that existed for
     * the whole read.
     */
    public boolean reconciled() {
        return !repairBudgetExhausted && outOfReach == 0 && shortfall == 0 && !pageNumIgnored
                && quarantined.get() == 0;
    }

    public long shortfall() {
        return shortfall;
    }

    public boolean pageNumWasIgnored() {
        return pageNumIgnored;
    }

    /**
     * Items of this listing that said succeeded and carried no usage (a relay that trims items?): a quirk of the
     * upstream, noted whether or not usage was stored from an earlier read.
     */
    public void succeededWithoutUsage(long items) {
        succeededWithoutUsage.addAndGet(items);
    }

    /** Why the listing is not reconciled and what else was learnt about it, or null; one line. */
    public String note() {
        Set<String> all = new LinkedHashSet<>(notes);
        if (quarantined.get() > 0) {
            all.add(quarantined.get() + " item(s) listed but not stored: quarantined in ark.task_rejects"
                    + (quarantinedWithoutId.get() == 0 ? ""
                            : ", " + quarantinedWithoutId.get() + " without a readable id"));
        }
        if (succeededWithoutUsage.get() > 0) {
            all.add(succeededWithoutUsage.get() + " succeeded item(s) without usage");
        }
        return all.isEmpty() ? null : String.join("; ", all);
    }

    /** Items of this listing quarantined instead of stored, see {@link #quarantined(long, long)}. */
    public long quarantined() {
        return quarantined.get();
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

package io.arktasksync.job.reader;

/**
 * The reading of the listing at hand: its forward walk, its shift repair, and what the sanity rule needs.
 * <p>
 * <b>The sanity rule.</b> A listing read to its end (an empty or last page, not a cap, a floor or an ignored
 * {@code page_num}) has shown every task that stayed in it while it was read. The smallest {@code total} it reported
 * counts tasks present at one moment; of those, only ones added after the head was read can be unseen, and each
 * addition raises a later total. So the distinct ids it showed must reach the smallest total less the rises of total
 * seen along the read; a listing falling short is not reconciled, whatever the reason (a relay's quirk no other rule
 * foresaw). A listing resumed past its first page is exempt: the ids its failed execution saw are not kept.
 */
final class ListingProgress {

    private final ListingWalk walk;

    private final ShiftRepair repair;

    private final boolean resumed;

    private final IdSet ids = new IdSet();

    private long itemsWithoutId;

    private long previousTotal = -1;

    private long smallestTotal = -1;

    private long rises;

    ListingProgress(ListingWalk walk, ShiftRepair repair, boolean resumed) {
        this.walk = walk;
        this.repair = repair;
        this.resumed = resumed;
    }

    ListingWalk walk() {
        return walk;
    }

    ShiftRepair repair() {
        return repair;
    }

    void sawId(String id) {
        if (id == null) {
            itemsWithoutId++;
        }
        else {
            ids.add(id);
        }
    }

    void totalSeen(long total) {
        if (total < 0) {
            return;
        }
        if (previousTotal >= 0 && total > previousTotal) {
            rises += total - previousTotal;
        }
        previousTotal = total;
        smallestTotal = smallestTotal < 0 ? total : Math.min(smallestTotal, total);
    }

    /** How many distinct tasks the listing showed fewer than its totals account for; 0 when the rule does not apply. */
    long shortfall() {
        boolean readToItsEnd = walk.end() == ListingWalk.End.EMPTY || walk.end() == ListingWalk.End.LAST_PAGE;
        if (!readToItsEnd || resumed || smallestTotal < 0) {
            return 0;
        }
        return Math.max(0, smallestTotal - rises - ids.size() - itemsWithoutId);
    }
}

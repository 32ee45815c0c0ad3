package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listings to read and which one is at hand: its {@link ListingProgress}, the end of its walk (the sanity rule
 * when read to its end; narrower listings {@link CapNarrowing} adds, or tasks out of reach, when paging stopped
 * short), the follow-up listings asked once at the end, and the state a {@link ReaderCheckpoint} saves and
 * restores. It reads no page; {@link ListingReader} does.
 * <p>
 * Not thread-safe: owned by one {@link TaskPageReader}.
 */
final class ListingQueue {

    /** The reader's logger, so the log lines keep their category. */
    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final List<ListingSlice> listings;

    /** The configured page size: every listing starts with it (a capped one learns a smaller one). */
    private final int configuredPageSize;

    private final int maxPageNum;

    private final CapNarrowing narrowing;

    private final ReadingStatistics statistics;

    private final FollowUpListings followUp;

    /** Whether this execution asked {@link #followUp} (once is enough; a resumed execution asks again). */
    private boolean followedUp;

    private boolean settled;

    private int index;

    private ListingProgress current;

    ListingQueue(List<ListingSlice> listings, int pageSize, int maxPageNum, CapNarrowing narrowing,
            ReadingStatistics statistics, FollowUpListings followUp) {
        this.listings = new ArrayList<>(listings);
        this.configuredPageSize = pageSize;
        this.maxPageNum = maxPageNum;
        this.narrowing = narrowing;
        this.statistics = statistics;
        this.followUp = followUp;
        this.current = newListing(this.listings.isEmpty() ? null : this.listings.get(0), pageSize, 1);
    }

    /** Listing, page and page size: where items came from, and where a restart begins. */
    record Position(int listing, int page, int pageSize) {
    }

    boolean hasListing() {
        return index < listings.size();
    }

    /** The listing at hand (only while {@link #hasListing()}). */
    ListingSlice listing() {
        return listings.get(index);
    }

    int index() {
        return index;
    }

    /** The reading of the listing at hand. */
    ListingProgress current() {
        return current;
    }

    /** The listings, narrower and follow-up ones included (read-only: only this queue adds to them). */
    List<ListingSlice> listings() {
        return Collections.unmodifiableList(listings);
    }

    CapNarrowing narrowing() {
        return narrowing;
    }

    /** Applies the sanity rule to the listing at hand and moves on to the next one. */
    void finish(SliceLedger ledger) {
        long missing = current.shortfall();
        if (missing > 0 && !followUp.covers(listing())) {
            ledger.shortfall(missing);
            log.warn("{} was read to its end but showed {} distinct task(s) fewer than its totals account for; this "
                    + "listing is NOT reconciled", listing().label(), missing);
        }
        index++;
        current = newListing(index < listings.size() ? listings.get(index) : null, configuredPageSize, 1);
    }

    /** Reads the listing at hand also as narrower listings when paging reaches fewer than {@code total} tasks. */
    void split(long total, long reachable) {
        if (total <= reachable || followUp.covers(listing())) {
            return;
        }
        int added = narrowing.split(index, listings, total);
        if (added > 0) {
            log.info("{} lists {} tasks, more than the {} reachable by paging; also reading it as {} narrower "
                    + "listings", listing().label(), total, reachable, added);
        }
    }

    /** When the walk of the listing at hand stopped short of its end: narrower listings, or tasks out of reach. */
    void walkEnded(SliceLedger ledger, int pageNum, long total) {
        ListingWalk walk = current.walk();
        if (followUp.covers(listing())) {
            if (walk.end() == ListingWalk.End.PAGE_NUM_IGNORED || walk.end() == ListingWalk.End.PAGE_LIMIT) {
                ledger.note("read as far as paging goes; the rest asked for by id");
            }
            return;
        }
        if (walk.end() == ListingWalk.End.PAGE_NUM_IGNORED) {
            ledger.pageNumIgnored();
            log.warn("Page {} of {} repeats page {}: the upstream ignores page_num, so only its first page can be "
                    + "read; this listing is NOT reconciled", pageNum, listing().label(), pageNum - 1);
            split(total, walk.pageSize());
        }
        else if (walk.end() == ListingWalk.End.PAGE_LIMIT) {
            long reachable = (long) pageNum * walk.pageSize();
            if (total > reachable && !narrowing.isNarrowed(index)) {
                ledger.outOfReach(total - reachable);
                statistics.outOfReach(total - reachable);
                log.warn("{} lists {} tasks but only {} are reachable (page_num <= {} x page_size {}) and it cannot "
                        + "be narrowed further; {} are out of reach", listing().label(), total, reachable,
                        maxPageNum, walk.pageSize(), total - reachable);
            }
        }
    }

    /**
     * Asks for the follow-up listings, once per execution, when every listing was read.
     *
     * @return the listings added (the first is now at hand), none when already asked or nothing follows
     */
    List<ListingSlice> followUp(Predicate<String> seen) {
        if (followedUp) {
            return List.of();
        }
        followedUp = true;
        List<ListingSlice> more = followUp.after(seen, List.copyOf(listings));
        if (!more.isEmpty()) {
            listings.addAll(more);
            current = newListing(listings.get(index), configuredPageSize, 1);
        }
        return more;
    }

    /** Once, at the end: counts in the ledgers what no narrower listing could return. */
    void settleNarrowedListings() {
        if (settled) {
            return;
        }
        settled = true;
        for (Map.Entry<Integer, Long> unreachable : narrowing.outOfReach().entrySet()) {
            String label = listings.get(unreachable.getKey()).label();
            statistics.ledger(label).outOfReach(unreachable.getValue());
            statistics.outOfReach(unreachable.getValue());
            log.warn("{}: {} task(s) are in no narrower listing (a status the API cannot filter on, or a model "
                    + "not known) and lie beyond the pages that can be read: out of reach", label,
                    unreachable.getValue());
        }
    }

    /** Resumes at a checkpoint: its listings, its listing and page, the repair state and the narrowings. */
    void restore(ReaderCheckpoint checkpoint) {
        listings.clear();
        listings.addAll(checkpoint.listings());
        index = checkpoint.listing();
        current = newListing(index < listings.size() ? listings.get(index) : null, checkpoint.pageSize(),
                checkpoint.page());
        current.repair().restore(checkpoint.lastTotal(), checkpoint.page(), checkpoint.rereads());
        narrowing.restore(checkpoint.narrowings());
    }

    /**
     * The restart position, and the repair state when it lies in the listing being read (a restart in an earlier
     * listing reads the later one from its first page, which needs none). A position counted in a page size since
     * found capped is moved to the page of the current size that holds its first item.
     */
    ReaderCheckpoint checkpoint(Position restart) {
        boolean sameListing = restart.listing() == index && current.repair().forwardPage() > 0;
        int page = restart.page();
        int size = restart.pageSize();
        if (sameListing && size != current.walk().pageSize()) {
            page = (int) ((long) (page - 1) * size / current.walk().pageSize()) + 1;
            size = current.walk().pageSize();
        }
        return new ReaderCheckpoint(listings, restart.listing(), page, size,
                sameListing ? current.repair().lastTotal() : -1,
                sameListing ? current.repair().queuedBelow(page) : List.of(), narrowing.encode());
    }

    private ListingProgress newListing(ListingSlice listing, int pageSize, int firstPage) {
        return new ListingProgress(
                new ListingWalk(listing == null ? null : listing.createdFrom(), pageSize, maxPageNum, firstPage),
                new ShiftRepair(pageSize, listing == null || !followUp.covers(listing)), firstPage > 1);
    }
}

package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.arktasksync.client.JsonText;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.job.reader.ListingQueue.Position;
import io.arktasksync.mapping.RawTaskItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Reads the listings of a {@link ListingQueue} page by page and returns the items to hand on, keeping each
 * listing's {@link SliceLedger}. It decides only the order of things: a queued repair re-read comes before the next
 * forward page; a listing's end is settled (the sanity rule) before the next listing; the follow-up listings are
 * asked once the last one was read. What each page means is left to the collaborators: {@link ListingWalk} (the end
 * rules, a page cap learnt), {@link ShiftRepair} (drops of total, overlapping reads), {@link CapNarrowing} (splitting
 * past the page cap), {@link Prefetcher} (pages ahead).
 * <p>
 * Not thread-safe: owned by one {@link TaskPageReader}.
 */
final class ListingReader {

    /** The reader's logger, so the log lines keep their category. */
    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final PageSource source;

    private final ListingQueue queue;

    private final int maxPageNum;

    private final ReadingStatistics statistics;

    private final Prefetcher prefetcher;

    private final PageProgress progress;

    /** Ids seen by this execution: to count distinct ids, and to hand on only new items from re-reads. */
    private final IdSet seen;

    /** Where the items last handed on came from. */
    private Position position;

    ListingReader(PageSource source, ListingQueue queue, int pageSize, int maxPageNum, ReadingStatistics statistics,
            Prefetcher prefetcher, PageProgress progress, IdSet seen) {
        this.source = source;
        this.seen = seen;
        this.queue = queue;
        this.maxPageNum = maxPageNum;
        this.statistics = statistics;
        this.prefetcher = prefetcher;
        this.progress = progress;
        this.position = new Position(0, 1, pageSize);
    }

    /** Listing, page and page size of the items last handed on (or of the position resumed at). */
    Position position() {
        return position;
    }

    /** Until a page is read, the position resumed at is also what a checkpoint must save again. */
    void resumedAt(Position resumed) {
        this.position = resumed;
    }

    /** The next items to hand on; none when every listing (the follow-up ones included) was read. */
    List<RawTaskItem> next() {
        while (queue.hasListing()) {
            ListingSlice listing = queue.listing();
            SliceLedger ledger = statistics.ledger(listing.label());
            ListingProgress current = queue.current();
            if (current.repair().hasRereads()) {
                List<RawTaskItem> found = reread(listing, ledger, current.repair().nextReread());
                if (!found.isEmpty()) {
                    return found;
                }
                continue;
            }
            if (current.walk().ended()) {
                queue.finish(ledger);
                prefetcher.cancel();
                continue;
            }
            List<RawTaskItem> items = forward(listing, ledger);
            if (!items.isEmpty()) {
                return items;
            }
        }
        List<ListingSlice> more = queue.followUp(seen::contains);
        if (!more.isEmpty()) {
            more.forEach(listing -> statistics.rootListing(listing.label()));
            return next();
        }
        queue.settleNarrowedListings();
        progress.readingFinished();
        return List.of();
    }

    private List<RawTaskItem> forward(ListingSlice listing, SliceLedger ledger) {
        ListingWalk walk = queue.current().walk();
        ShiftRepair repair = queue.current().repair();
        CapNarrowing narrowing = queue.narrowing();
        int index = queue.index();
        OverlapWindow window = repair.nextWindow(maxPageNum);
        int pageNum = window == null ? walk.nextPage() : window.page();
        int size = window == null ? walk.pageSize() : window.size();
        long start = (long) (pageNum - 1) * size;
        TaskPageResponse page = prefetcher.take(listing.filter(), pageNum, size);
        List<JsonNode> items = page.items();
        boolean dropped = totalSeen(page.total(), ledger, listing);
        statistics.pageRead(items.size());
        progress.pageRead();
        boolean wasOldestFirst = walk.oldestFirst();
        boolean handOn = walk.accept(pageNum, size, page);
        if (!wasOldestFirst && walk.oldestFirst()) {
            log.warn("{} lists its tasks oldest first (created_at rises along its pages): {}", listing.label(),
                    listing.createdFrom() == null ? "read whole as always"
                            : "read whole, incremental runs cannot use it");
            ledger.note("listed oldest first");
        }
        if (walk.pageSize() != size && walk.pageSize() < size) {
            prefetcher.cancel();
            repair.resize(walk.pageSize(), walk.nextPage() - 1);
            log.warn("{}: page {} held {} items where {} were asked and total {} says more follow: the upstream caps "
                    + "its pages; reading on in pages of {}", listing.label(), pageNum, items.size(), size,
                    page.total(), walk.pageSize());
            ledger.note("pages capped at " + walk.pageSize());
        }
        long frontierBefore = repair.frontier();
        if (repair.overlapping()) {
            if (!repair.windowRead(start, items.size()) && walk.ended()
                    && (walk.end() == ListingWalk.End.EMPTY || walk.end() == ListingWalk.End.LAST_PAGE)) {
                // The end was seen, but tasks may have slid back over the frontier below this read: read lower.
                walk.reopen();
            }
        }
        else {
            repair.forwardRead(pageNum);
        }
        if (repair.takeWriteOff()) {
            ledger.repairBudgetExhausted();
            log.warn("{}: total falls faster than overlapping reads can cover (or the re-read budget is spent); "
                    + "tasks may have been skipped (this listing is flagged unreconciled)", listing.label());
        }
        if (pageNum == 1) {
            queue.split(page.total(), (long) maxPageNum * walk.pageSize());
            if (items.isEmpty() && page.total() == 0 && narrowing.isNarrower(index)) {
                // Worth knowing: a model name where the upstream takes endpoint ids (ARK_ENDPOINT_IDS) returns nothing.
                ledger.note("narrowing returned nothing");
            }
        }
        queue.walkEnded(ledger, pageNum, page.total());
        if (!handOn) {
            ledger.pageRead(items.size(), 0);
            return List.of();
        }
        ledger.repairedByOverlap(unseenAmongFirst(items, frontierBefore - start));
        ledger.pageRead(items.size(), markSeen(items));
        narrowing.itemsRead(index, pageNum, items, false);
        if (!walk.ended() && !dropped && repair.nextWindow(maxPageNum) == null) {
            prefetcher.ahead(listing.filter(), walk.nextPage() - 1, walk.pageSize(), repair.lastTotal(), maxPageNum);
        }
        return hand(items, page.itemDigests(), listing, pageNum, size);
    }

    /** Items among the first {@code count} that no earlier read showed: tasks an overlapping read found. */
    private long unseenAmongFirst(List<JsonNode> items, long count) {
        long unseen = 0;
        for (int i = 0; i < items.size() && i < count; i++) {
            String id = JsonText.of(items.get(i).get("id"));
            if (id != null && !seen.contains(id)) {
                unseen++;
            }
        }
        return unseen;
    }

    /** Reads a page again after a drop and hands on only the items no earlier page showed. */
    private List<RawTaskItem> reread(ListingSlice listing, SliceLedger ledger, int pageNum) {
        ListingProgress current = queue.current();
        int size = current.walk().pageSize();
        TaskPageResponse page = source.page(listing.filter(), pageNum, size);
        totalSeen(page.total(), ledger, listing);
        List<JsonNode> unseen = new ArrayList<>();
        List<UUID> unseenDigests = new ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            JsonNode item = page.items().get(i);
            String id = JsonText.of(item.get("id"));
            current.sawId(id);
            if (id == null || seen.add(id)) {
                unseen.add(item);
                unseenDigests.add(page.itemDigests().get(i));
            }
        }
        ledger.pageReread(page.items().size(), unseen.size());
        statistics.distinctIds(seen.size());
        statistics.pageRead(page.items().size());
        if (unseen.isEmpty()) {
            return List.of();
        }
        log.info("Re-reading page {} of {} after a drop in total found {} task(s) the shift had skipped", pageNum,
                listing.label(), unseen.size());
        queue.narrowing().itemsRead(queue.index(), pageNum, unseen, true);
        return hand(unseen, unseenDigests, listing, pageNum, size);
    }

    /** Hands a read's total to the repair, the ledger, the narrowing and the sanity count; true on a drop. */
    private boolean totalSeen(long total, SliceLedger ledger, ListingSlice listing) {
        ShiftRepair repair = queue.current().repair();
        ShiftRepair.Verdict verdict = repair.totalSeen(total);
        ledger.totalSeen(total);
        queue.narrowing().totalSeen(queue.index(), total);
        queue.current().totalSeen(total);
        if (verdict == ShiftRepair.Verdict.STEADY) {
            return false;
        }
        ledger.totalDropped();
        prefetcher.cancel();
        if (verdict == ShiftRepair.Verdict.BUDGET_SPENT) {
            ledger.repairBudgetExhausted();
            log.warn("{}: total fell by {} but the re-read budget ({} pages) is spent; tasks may have been skipped "
                    + "(this listing is flagged unreconciled)", listing.label(), repair.lastDrop(), repair.budget());
        }
        return true;
    }

    private long markSeen(List<JsonNode> items) {
        long added = 0;
        for (JsonNode item : items) {
            String id = JsonText.of(item.get("id"));
            queue.current().sawId(id);
            if (id != null && seen.add(id)) {
                added++;
            }
        }
        statistics.distinctIds(seen.size());
        return added;
    }

    /** @param digests each item's digest as received, by index */
    private List<RawTaskItem> hand(List<JsonNode> items, List<UUID> digests, ListingSlice listing, int pageNum,
            int size) {
        position = new Position(queue.index(), pageNum, size);
        List<RawTaskItem> raw = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            raw.add(new RawTaskItem(items.get(i), listing.label(), listing.serviceTier(), pageNum, digests.get(i)));
        }
        return raw;
    }
}

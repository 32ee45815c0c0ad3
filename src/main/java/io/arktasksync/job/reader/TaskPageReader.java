package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.arktasksync.client.JsonText;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.mapping.RawTaskItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.data.AbstractPaginatedDataItemReader;

import tools.jackson.databind.JsonNode;

/**
 * Reads every task of every {@link ListingSlice}, page by page, and keeps a {@link SliceLedger} of each: the Spring
 * Batch adapter over the collaborators of this package (see its javadoc). It decides only the order of things: a
 * queued repair re-read comes before the next forward page; a listing's end is settled before the next listing.
 * <p>
 * Not thread-safe, as its base class; use it from one thread (the prefetch threads only run HTTP calls).
 */
public class TaskPageReader extends AbstractPaginatedDataItemReader<RawTaskItem> {

    /** Put in the step's context when this execution resumed a failed one: its ids seen cover only part of a run. */
    public static final String RESTARTED = "reader.restarted";

    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final PageSource source;

    private final List<ListingSlice> listings;

    private final Settings settings;

    private final ReadingStatistics statistics;

    private final Prefetcher prefetcher;

    private final CapNarrowing narrowing;

    private final PageProgress progress;

    private final CheckpointCodec codec;

    private final FollowUpListings followUp;

    /** Whether this execution asked {@link #followUp} (once is enough; a resumed execution asks again). */
    private boolean followedUp;

    /** Ids seen by this execution: to count distinct ids, and to hand on only new items from re-reads. */
    private final IdSet seen = new IdSet();

    private int index;

    private ListingProgress current;

    private boolean settled;

    /** Listing, page and page size whose items are being handed out. */
    private Position consuming;

    /** Where the first item handed out since the last {@link #update} came from: where a restart begins. */
    private Position chunkStart;

    /**
     * @param pageSize the configured page size (an upstream that serves fewer is found out)
     * @param maxPageNum the highest page the API serves
     * @param prefetchPages pages fetched ahead of the step
     * @param endpointIds endpoint ids ({@code ep-...}) to also narrow by model with
     */
    public record Settings(int pageSize, int maxPageNum, int prefetchPages, List<String> endpointIds) {

        public Settings {
            endpointIds = endpointIds == null ? List.of() : List.copyOf(endpointIds);
        }
    }

    public TaskPageReader(PageSource source, List<ListingSlice> listings, Settings settings,
            ReadingStatistics statistics, Executor fetchExecutor, Supplier<Collection<String>> storedModels,
            PageProgress progress) {
        this(source, listings, settings, statistics, fetchExecutor, storedModels, progress, FollowUpListings.NONE);
    }

    /** @param followUp asked once after the last listing, for listings that depend on what was read */
    public TaskPageReader(PageSource source, List<ListingSlice> listings, Settings settings,
            ReadingStatistics statistics, Executor fetchExecutor, Supplier<Collection<String>> storedModels,
            PageProgress progress, FollowUpListings followUp) {
        this.followUp = followUp;
        this.source = source;
        this.listings = new ArrayList<>(listings);
        this.settings = settings;
        this.statistics = statistics;
        this.prefetcher = new Prefetcher(source, fetchExecutor, settings.prefetchPages());
        this.narrowing = new CapNarrowing(storedModels, settings.endpointIds());
        this.progress = progress;
        listings.forEach(listing -> statistics.rootListing(listing.label()));
        setPageSize(settings.pageSize());
        setName("taskPageReader");
        this.codec = new CheckpointCodec(getExecutionContextKey(""));
        this.current = newListing(this.listings.isEmpty() ? null : this.listings.get(0), settings.pageSize(), 1);
        this.consuming = new Position(0, 1, settings.pageSize());
    }

    /** The ids this execution read: what the API listed, for telling tasks gone upstream from tasks not read. */
    public IdSet listedIds() {
        return seen;
    }

    @Override
    protected Iterator<RawTaskItem> doPageRead() {
        while (index < listings.size()) {
            ListingSlice listing = listings.get(index);
            SliceLedger ledger = statistics.ledger(listing.label());
            if (current.repair().hasRereads()) {
                List<RawTaskItem> found = reread(listing, ledger, current.repair().nextReread());
                if (!found.isEmpty()) {
                    return found.iterator();
                }
                continue;
            }
            if (current.walk().ended()) {
                finishListing(listing, ledger);
                continue;
            }
            List<RawTaskItem> items = forward(listing, ledger);
            if (!items.isEmpty()) {
                return items.iterator();
            }
        }
        if (!followedUp) {
            followedUp = true;
            List<ListingSlice> more = followUp.after(seen::contains, List.copyOf(listings));
            if (!more.isEmpty()) {
                more.forEach(listing -> statistics.rootListing(listing.label()));
                listings.addAll(more);
                current = newListing(listings.get(index), settings.pageSize(), 1);
                return doPageRead();
            }
        }
        settleNarrowedListings();
        progress.readingFinished();
        return Collections.emptyIterator();
    }

    private List<RawTaskItem> forward(ListingSlice listing, SliceLedger ledger) {
        ListingWalk walk = current.walk();
        ShiftRepair repair = current.repair();
        OverlapWindow window = repair.nextWindow(settings.maxPageNum());
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
            split(listing, page.total(), (long) settings.maxPageNum() * walk.pageSize());
            if (items.isEmpty() && page.total() == 0 && narrowing.isNarrower(index)) {
                // Worth knowing: a model name where the upstream takes endpoint ids (ARK_ENDPOINT_IDS) returns nothing.
                ledger.note("narrowing returned nothing");
            }
        }
        endOfWalk(listing, ledger, pageNum, page.total());
        if (!handOn) {
            ledger.pageRead(items.size(), 0);
            return List.of();
        }
        ledger.repairedByOverlap(unseenAmongFirst(items, frontierBefore - start));
        ledger.pageRead(items.size(), markSeen(items));
        narrowing.itemsRead(index, pageNum, items, false);
        if (!walk.ended() && !dropped && repair.nextWindow(settings.maxPageNum()) == null) {
            prefetcher.ahead(listing.filter(), walk.nextPage() - 1, walk.pageSize(), repair.lastTotal(),
                    settings.maxPageNum());
        }
        return hand(items, listing, pageNum, size);
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

    private void endOfWalk(ListingSlice listing, SliceLedger ledger, int pageNum, long total) {
        ListingWalk walk = current.walk();
        if (walk.end() == ListingWalk.End.PAGE_NUM_IGNORED) {
            ledger.pageNumIgnored();
            log.warn("Page {} of {} repeats page {}: the upstream ignores page_num, so only its first page can be "
                    + "read; this listing is NOT reconciled", pageNum, listing.label(), pageNum - 1);
            split(listing, total, walk.pageSize());
        }
        else if (walk.end() == ListingWalk.End.PAGE_LIMIT) {
            long reachable = (long) pageNum * walk.pageSize();
            if (total > reachable && !narrowing.isNarrowed(index)) {
                ledger.outOfReach(total - reachable);
                statistics.outOfReach(total - reachable);
                log.warn("{} lists {} tasks but only {} are reachable (page_num <= {} x page_size {}) and it cannot "
                        + "be narrowed further; {} are out of reach", listing.label(), total, reachable,
                        settings.maxPageNum(), walk.pageSize(), total - reachable);
            }
        }
    }

    private void split(ListingSlice listing, long total, long reachable) {
        if (total <= reachable) {
            return;
        }
        int added = narrowing.split(index, listings, total);
        if (added > 0) {
            log.info("{} lists {} tasks, more than the {} reachable by paging; also reading it as {} narrower "
                    + "listings", listing.label(), total, reachable, added);
        }
    }

    /** Reads a page again after a drop and hands on only the items no earlier page showed. */
    private List<RawTaskItem> reread(ListingSlice listing, SliceLedger ledger, int pageNum) {
        int size = current.walk().pageSize();
        TaskPageResponse page = source.page(listing.filter(), pageNum, size);
        totalSeen(page.total(), ledger, listing);
        List<JsonNode> unseen = new ArrayList<>();
        for (JsonNode item : page.items()) {
            String id = JsonText.of(item.get("id"));
            current.sawId(id);
            if (id == null || seen.add(id)) {
                unseen.add(item);
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
        narrowing.itemsRead(index, pageNum, unseen, true);
        return hand(unseen, listing, pageNum, size);
    }

    /** Hands a read's total to the repair, the ledger, the narrowing and the sanity count; true on a drop. */
    private boolean totalSeen(long total, SliceLedger ledger, ListingSlice listing) {
        ShiftRepair.Verdict verdict = current.repair().totalSeen(total);
        ledger.totalSeen(total);
        narrowing.totalSeen(index, total);
        current.totalSeen(total);
        if (verdict == ShiftRepair.Verdict.STEADY) {
            return false;
        }
        ledger.totalDropped();
        prefetcher.cancel();
        if (verdict == ShiftRepair.Verdict.BUDGET_SPENT) {
            ledger.repairBudgetExhausted();
            log.warn("{}: total fell by {} but the re-read budget ({} pages) is spent; tasks may have been skipped "
                    + "(this listing is flagged unreconciled)", listing.label(), current.repair().lastDrop(),
                    current.repair().budget());
        }
        return true;
    }

    private long markSeen(List<JsonNode> items) {
        long added = 0;
        for (JsonNode item : items) {
            String id = JsonText.of(item.get("id"));
            current.sawId(id);
            if (id != null && seen.add(id)) {
                added++;
            }
        }
        statistics.distinctIds(seen.size());
        return added;
    }

    private List<RawTaskItem> hand(List<JsonNode> items, ListingSlice listing, int pageNum, int size) {
        consuming = new Position(index, pageNum, size);
        List<RawTaskItem> raw = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            raw.add(new RawTaskItem(item, listing.label(), listing.serviceTier(), pageNum));
        }
        return raw;
    }

    private void finishListing(ListingSlice listing, SliceLedger ledger) {
        long missing = current.shortfall();
        if (missing > 0) {
            ledger.shortfall(missing);
            log.warn("{} was read to its end but showed {} distinct task(s) fewer than its totals account for; this "
                    + "listing is NOT reconciled", listing.label(), missing);
        }
        index++;
        prefetcher.cancel();
        current = newListing(index < listings.size() ? listings.get(index) : null, settings.pageSize(), 1);
    }

    private ListingProgress newListing(ListingSlice listing, int pageSize, int firstPage) {
        return new ListingProgress(
                new ListingWalk(listing == null ? null : listing.createdFrom(), pageSize, settings.maxPageNum(),
                        firstPage),
                new ShiftRepair(pageSize), firstPage > 1);
    }

    private void settleNarrowedListings() {
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

    @Override
    public RawTaskItem read() throws Exception {
        RawTaskItem item = super.read();
        if (item != null && chunkStart == null) {
            chunkStart = consuming;
        }
        return item;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        codec.read(executionContext, listings, settings.pageSize()).ifPresent(checkpoint -> {
            listings.clear();
            listings.addAll(checkpoint.listings());
            index = checkpoint.listing();
            current = newListing(index < listings.size() ? listings.get(index) : null, checkpoint.pageSize(),
                    checkpoint.page());
            current.repair().restore(checkpoint.lastTotal(), checkpoint.page(), checkpoint.rereads());
            narrowing.restore(checkpoint.narrowings());
            // Until a page is read, the restored position is also what update() must save again.
            consuming = new Position(index, checkpoint.page(), checkpoint.pageSize());
            log.info("Resuming at page {} of listing {} of {}", checkpoint.page(), index + 1, listings.size());
            executionContext.putString(RESTARTED, "true");
        });
        super.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (isSaveState()) {
            codec.write(checkpoint(chunkStart == null ? consuming : chunkStart), executionContext);
        }
        chunkStart = null;
    }

    /**
     * The restart position, and the repair state when it lies in the listing being read (a restart in an earlier
     * listing reads the later one from its first page, which needs none). A position counted in a page size since
     * found capped is moved to the page of the current size that holds its first item.
     */
    private ReaderCheckpoint checkpoint(Position restart) {
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

    @Override
    protected void doClose() throws Exception {
        prefetcher.cancel();
        progress.close();
        super.doClose();
    }

    /** Position comes from {@link #open}: the page is read again whole, see {@link ReaderCheckpoint}. */
    @Override
    protected void jumpToItem(int itemIndex) {
    }

    private record Position(int listing, int page, int pageSize) {
    }
}

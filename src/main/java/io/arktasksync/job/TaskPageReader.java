package io.arktasksync.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.arktasksync.client.ArkApiClient;
import io.arktasksync.client.JsonText;
import io.arktasksync.client.ListingSlice;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.mapping.RawTaskItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.data.AbstractPaginatedDataItemReader;

import tools.jackson.databind.JsonNode;

/**
 * Reads every task of every {@link ListingSlice}, page by page, from {@code page_num=1} on, and keeps a
 * {@link SliceLedger} of each.
 * <p>
 * <b>When a listing ends.</b> On an empty page, on a short page, at {@code maxPageNum} (the API answers 400 past it),
 * or when a page repeats the previous page's ids (an API or relay that ignores {@code page_num}). {@code total} is
 * not trusted to stop early: it changes between pages and can be wrong. So the reader ends on any API, at the latest
 * after {@code maxPageNum} pages per listing.
 * <p>
 * <b>Shift repair.</b> Offset paging has no snapshot. Tasks are listed newest first, so new tasks enter at the head
 * and only push the rest back (a page repeats a few items: duplicates, merged by the writer). A task is skipped only
 * when tasks ahead of it leave the listing (deleted, or moved out of a status filter) between two reads: it slides
 * over the boundary into a page already read. Every such slide lowers {@code total} by at least as much, so when a
 * read shows a lower total than the read before, the pages just before the forward boundary are read again, enough
 * of them to cover the drop, and the items not seen yet are handed on. A re-read that shows another drop extends the
 * repair. A listing whose repairs exceed a budget is flagged unreconciled in its ledger.
 * <p>
 * <b>Past the cap.</b> When the first page's {@code total} exceeds {@code maxPageNum x pageSize}, the listing is still
 * read up to the cap (the newest tasks, of every status), and narrower listings are queued after it: one per status
 * ({@code filter.status}), and for a status listing still too big, one per known model ({@code filter.model}).
 * <p>
 * <b>Prefetch.</b> While the step maps and writes one page, the next {@code prefetchPages} pages of the same listing
 * are fetched and parsed on {@code fetchExecutor}. Prefetching only happens within a known {@code total} and never
 * decides anything: pages are consumed in order and a drop cancels what was prefetched.
 * <p>
 * <b>Restart.</b> At each chunk boundary the execution context records the listings and the listing and page that
 * supplied the chunk's first item. A restarted execution reads from that page again: re-writing a chunk's worth of
 * items is harmless (writes are idempotent), skipping by item count would lose tasks when pages shifted meanwhile.
 * Starting from the chunk's first page also covers Spring Batch 6 saving reader state for a chunk whose transaction
 * rolled back (spring-batch#5182). The repair state goes with the position: the listing's last total (a drop while
 * no run was reading is noticed at the first page read and repaired like any other) and the re-reads still queued;
 * and the listings split past the cap, with the totals their out-of-reach count needs. Ids seen are not saved (a
 * resumed run may hand on a task twice, which the writer merges), so a resumed run's distinct-id count covers
 * only what it read itself.
 * <p>
 * Not thread-safe, as its base class; use it from one thread (the fetch threads only run HTTP calls).
 */
public class TaskPageReader extends AbstractPaginatedDataItemReader<RawTaskItem> {

    static final String SLICES_KEY = "slices";

    static final String SLICE_KEY = "slice.index";

    static final String PAGE_KEY = "slice.page";

    static final String TOTAL_KEY = "slice.total";

    static final String REPAIRS_KEY = "slice.repairs";

    static final String NARROWED_KEY = "narrowed";

    static final String FOLLOWED_UP_KEY = "followed.up";

    /** Statuses the API can filter on; {@code expired} and newer statuses cannot be isolated. */
    static final List<String> FILTERABLE_STATUSES = List.of("queued", "running", "cancelled", "succeeded", "failed");

    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final ArkApiClient client;

    private final List<ListingSlice> slices;

    private final int maxPageNum;

    private final SyncRunStatistics statistics;

    private final Executor fetchExecutor;

    private final int prefetchPages;

    private final Supplier<Collection<String>> storedModels;

    private final PageProgress progress;

    private final FollowUpListings followUp;

    /** Whether {@link #followUp} was asked (its listings are then in {@link #slices}). */
    private boolean followedUp;

    /** Ids seen by this execution, to count distinct ids and to hand on only new items from repair re-reads. */
    private final IdSet seen = new IdSet();

    private final Set<String> modelsSeen = new LinkedHashSet<>();

    /** Listings read past the cap through narrower ones, by index in {@link #slices}. */
    private final Map<Integer, NarrowedListing> narrowings = new LinkedHashMap<>();

    private boolean settled;

    /** Pages requested ahead of time for the current listing, in page order. */
    private final Deque<PendingPage> pending = new ArrayDeque<>();

    /** Pages of the current listing to read again, highest first. */
    private final NavigableSet<Integer> repairs = new TreeSet<>(Collections.reverseOrder());

    private int sliceIndex;

    private int nextPage = 1;

    /** Highest page of the current listing read going forward, 0 before the first. */
    private int forwardPage;

    /** Total reported by the latest read of the current listing, -1 when unknown. */
    private long lastTotal = -1;

    /** Largest total the current listing reported. */
    private long largestTotal = -1;

    private boolean sliceExhausted;

    private int rereadsInSlice;

    private List<String> previousPageIds = List.of();

    /** Listing and page whose items are being handed out. */
    private int consumingSlice;

    private int consumingPage = 1;

    /** Listing and page of the first item handed out since the last {@link #update}: where a restart begins. */
    private int chunkStartSlice;

    private int chunkStartPage = 1;

    private boolean chunkStarted;

    public TaskPageReader(ArkApiClient client, List<ListingSlice> slices, int pageSize, int maxPageNum,
            SyncRunStatistics statistics, Executor fetchExecutor, int prefetchPages,
            Supplier<Collection<String>> storedModels, PageProgress progress) {
        this(client, slices, pageSize, maxPageNum, statistics, fetchExecutor, prefetchPages, storedModels, progress,
                FollowUpListings.NONE);
    }

    public TaskPageReader(ArkApiClient client, List<ListingSlice> slices, int pageSize, int maxPageNum,
            SyncRunStatistics statistics, Executor fetchExecutor, int prefetchPages,
            Supplier<Collection<String>> storedModels, PageProgress progress, FollowUpListings followUp) {
        this.followUp = followUp;
        this.client = client;
        this.slices = new ArrayList<>(slices);
        this.maxPageNum = maxPageNum;
        this.statistics = statistics;
        this.fetchExecutor = fetchExecutor;
        this.prefetchPages = prefetchPages;
        this.storedModels = storedModels;
        this.progress = progress;
        slices.forEach(slice -> statistics.rootListing(slice.label()));
        statistics.seenIds(seen);
        setPageSize(pageSize);
        setName("taskPageReader");
    }

    @Override
    protected Iterator<RawTaskItem> doPageRead() {
        while (sliceIndex < slices.size()) {
            ListingSlice slice = slices.get(sliceIndex);
            SliceLedger ledger = statistics.ledger(slice.label());
            if (!repairs.isEmpty()) {
                List<RawTaskItem> repaired = reread(slice, ledger, repairs.pollFirst());
                if (!repaired.isEmpty()) {
                    return repaired.iterator();
                }
                continue;
            }
            if (sliceExhausted) {
                finishSlice();
                continue;
            }
            int pageNum = nextPage;
            TaskPageResponse page = take(slice, pageNum);
            List<JsonNode> items = page.items();
            boolean dropped = checkForDrop(page.total(), ledger);
            ledger.totalSeen(page.total());
            forwardPage = pageNum;
            for (NarrowedListing narrowed : narrowings.values()) {
                narrowed.listingTotalSeen(sliceIndex, page.total());
            }
            if (pageNum == 1) {
                planNarrowerListings(slice, page.total());
            }
            statistics.pageRead(items.size());
            progress.pageRead();
            List<String> ids = idsOf(items);
            if (items.isEmpty()) {
                ledger.pageRead(0, 0);
                sliceExhausted = true;
                continue;
            }
            // Ids prove a repeat only when every item has one: two pages of id-less garbage are not the same page.
            if (!ids.contains(null) && ids.equals(previousPageIds)) {
                log.warn("Page {} of {} repeats page {}: the API ignores page_num; ending this listing", pageNum,
                        slice.label(), pageNum - 1);
                ledger.pageRead(items.size(), 0);
                sliceExhausted = true;
                continue;
            }
            ledger.pageRead(items.size(), markSeen(ids, items));
            previousPageIds = ids;
            if (items.size() < pageSize || reachedCreatedFrom(slice, items)) {
                sliceExhausted = true;
            }
            else if (pageNum >= maxPageNum) {
                reportUnreachable(slice, ledger, pageNum, page.total());
                sliceExhausted = true;
            }
            else {
                nextPage++;
                if (!dropped) {
                    prefetch(slice, pageNum);
                }
            }
            countUncovered(items, pageNum, false);
            return hand(items, slice, pageNum);
        }
        if (!followedUp) {
            followedUp = true;
            List<ListingSlice> more = followUp.after(seen::contains, List.copyOf(slices));
            if (!more.isEmpty()) {
                more.forEach(slice -> statistics.rootListing(slice.label()));
                slices.addAll(more);
                return doPageRead();
            }
        }
        settleNarrowedListings();
        progress.readingFinished();
        return Collections.emptyIterator();
    }

    /**
     * A narrowed listing's tasks that no narrower listing can return (a status the API cannot filter on, such as
     * {@code expired}; a model not known when the listing was split) are reachable only within its own first
     * {@code maxPageNum} pages. Those beyond are out of reach: its total minus its narrower listings' totals, less
     * the uncovered tasks its own pages did show.
     */
    private void settleNarrowedListings() {
        if (settled) {
            return;
        }
        settled = true;
        for (NarrowedListing narrowed : narrowings.values()) {
            String label = slices.get(narrowed.listing()).label();
            long unreachable = narrowed.outOfReach();
            if (unreachable > 0) {
                statistics.ledger(label).outOfReach(unreachable);
                statistics.outOfReach(unreachable);
                log.warn("{}: {} task(s) are in no narrower listing (a status the API cannot filter on, or a model "
                        + "not known) and lie beyond page {}: out of reach", label, unreachable, maxPageNum);
            }
        }
    }

    private void countUncovered(List<JsonNode> items, int pageNum, boolean repaired) {
        NarrowedListing narrowed = narrowings.get(sliceIndex);
        if (narrowed == null) {
            return;
        }
        long uncovered = 0;
        for (JsonNode item : items) {
            if (!narrowed.covers(JsonText.of(item.get(narrowed.field())))) {
                uncovered++;
            }
        }
        if (repaired) {
            narrowed.uncoveredRepaired(pageNum, uncovered);
        }
        else {
            narrowed.uncoveredOnPage(pageNum, uncovered);
        }
    }

    /** Reads a page again after a drop and hands on only the items no earlier page showed. */
    private List<RawTaskItem> reread(ListingSlice slice, SliceLedger ledger, int pageNum) {
        rereadsInSlice++;
        TaskPageResponse page = client.listTasks(slice, pageNum, pageSize);
        checkForDrop(page.total(), ledger);
        ledger.totalSeen(page.total());
        List<JsonNode> unseen = new ArrayList<>();
        for (JsonNode item : page.items()) {
            String id = JsonText.of(item.get("id"));
            if (id == null || seen.add(id)) {
                unseen.add(item);
            }
        }
        ledger.pageReread(page.items().size(), unseen.size());
        statistics.distinctIds(seen.size());
        statistics.pageRead(page.items().size());
        if (!unseen.isEmpty()) {
            log.info("Re-reading page {} of {} after a drop in total found {} task(s) the shift had skipped",
                    pageNum, slice.label(), unseen.size());
            for (JsonNode item : unseen) {
                rememberModel(item);
            }
            countUncovered(unseen, pageNum, true);
            List<RawTaskItem> raw = new ArrayList<>(unseen.size());
            for (JsonNode item : unseen) {
                raw.add(new RawTaskItem(item, slice.label(), slice.serviceTier(), pageNum));
            }
            consumingSlice = sliceIndex;
            consumingPage = pageNum;
            return raw;
        }
        return List.of();
    }

    /**
     * Compares a read's total with the previous read's. A drop of {@code d} can have pushed up to {@code d} tasks
     * back over the forward boundary, into the last {@code ceil(d / pageSize)} pages read: those are queued for
     * re-reading, within a budget of re-reads per listing.
     */
    private boolean checkForDrop(long total, SliceLedger ledger) {
        long previous = lastTotal;
        if (total >= 0) {
            lastTotal = total;
            largestTotal = Math.max(largestTotal, total);
        }
        if (previous < 0 || total < 0 || total >= previous || forwardPage == 0) {
            return false;
        }
        long drop = previous - total;
        ledger.totalDropped();
        cancelPending();
        int pagesBack = (int) Math.min(forwardPage, (drop + pageSize - 1) / pageSize);
        if (rereadsInSlice + repairs.size() + pagesBack > repairBudget()) {
            ledger.repairBudgetExhausted();
            log.warn("{}: total fell by {} but the re-read budget ({} pages) is spent; tasks may have been skipped "
                    + "(this listing is flagged unreconciled)", slices.get(sliceIndex).label(), drop, repairBudget());
            return true;
        }
        for (int page = forwardPage; page > forwardPage - pagesBack; page--) {
            repairs.add(page);
        }
        return true;
    }

    /**
     * A listing may re-read twice as many pages as it holds (by the largest total it reported), and at least 20:
     * enough for heavy churn, bounded when the churn never settles.
     */
    private int repairBudget() {
        long pages = (Math.max(largestTotal, 0) + pageSize - 1) / pageSize;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(20, 2 * Math.max(pages, forwardPage)));
    }

    /** Whether an incremental head listing has come down to tasks the database already held. */
    private static boolean reachedCreatedFrom(ListingSlice slice, List<JsonNode> items) {
        if (slice.createdFrom() == null) {
            return false;
        }
        JsonNode createdAt = items.get(items.size() - 1).get("created_at");
        return createdAt != null && createdAt.canConvertToLong() && createdAt.longValue() < slice.createdFrom();
    }

    private void planNarrowerListings(ListingSlice slice, long total) {
        long reachable = (long) maxPageNum * pageSize;
        // An incremental head listing reads a few pages, never down to the cap.
        if (total <= reachable || slice.createdFrom() != null) {
            return;
        }
        String field;
        Set<String> values;
        if (slice.status() == null) {
            field = "status";
            values = new LinkedHashSet<>(FILTERABLE_STATUSES);
        }
        else if (slice.model() == null) {
            field = "model";
            values = new LinkedHashSet<>(storedModels.get());
            values.addAll(modelsSeen);
        }
        else {
            return;
        }
        List<Integer> children = new ArrayList<>();
        int added = 0;
        for (String value : values) {
            ListingSlice child = "status".equals(field) ? slice.withStatus(value) : slice.withModel(value);
            int index = slices.indexOf(child);
            if (index < 0) {
                slices.add(child);
                index = slices.size() - 1;
                added++;
            }
            children.add(index);
        }
        narrowings.put(sliceIndex, new NarrowedListing(sliceIndex, field, values, children, total));
        if (added > 0) {
            log.info("{} lists {} tasks, more than the {} reachable by paging; also reading it as {} narrower "
                    + "listings", slice.label(), total, reachable, added);
        }
    }

    private void reportUnreachable(ListingSlice slice, SliceLedger ledger, int pageNum, long total) {
        long reachable = (long) pageNum * pageSize;
        if (total > reachable && !narrowings.containsKey(sliceIndex)) {
            ledger.outOfReach(total - reachable);
            statistics.outOfReach(total - reachable);
            log.warn("{} lists {} tasks but only {} are reachable (page_num <= {} x page_size {}) and it cannot be "
                    + "narrowed further; {} are out of reach", slice.label(), total, reachable, maxPageNum, pageSize,
                    total - reachable);
        }
    }

    private long markSeen(List<String> ids, List<JsonNode> items) {
        long added = 0;
        for (String id : ids) {
            if (id != null && seen.add(id)) {
                added++;
            }
        }
        statistics.distinctIds(seen.size());
        for (JsonNode item : items) {
            rememberModel(item);
        }
        return added;
    }

    private void rememberModel(JsonNode item) {
        JsonNode model = item.get("model");
        if (model != null && model.isString() && modelsSeen.size() < 10_000) {
            modelsSeen.add(model.stringValue());
        }
    }

    private Iterator<RawTaskItem> hand(List<JsonNode> items, ListingSlice slice, int pageNum) {
        consumingSlice = sliceIndex;
        consumingPage = pageNum;
        List<RawTaskItem> raw = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            raw.add(new RawTaskItem(item, slice.label(), slice.serviceTier(), pageNum));
        }
        return raw.iterator();
    }

    private void finishSlice() {
        sliceIndex++;
        nextPage = 1;
        forwardPage = 0;
        lastTotal = -1;
        largestTotal = -1;
        sliceExhausted = false;
        rereadsInSlice = 0;
        previousPageIds = List.of();
        repairs.clear();
        cancelPending();
    }

    /** The page, from the prefetched ones when it was requested ahead, else fetched now. */
    private TaskPageResponse take(ListingSlice slice, int pageNum) {
        PendingPage head = pending.peekFirst();
        if (head == null || head.pageNum() != pageNum) {
            cancelPending();
            return client.listTasks(slice, pageNum, pageSize);
        }
        pending.removeFirst();
        try {
            return head.response().join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Requests the pages after {@code pageNum} that the last total says exist, up to {@code prefetchPages} ahead. */
    private void prefetch(ListingSlice slice, int pageNum) {
        int last = pending.isEmpty() ? pageNum : pending.peekLast().pageNum();
        for (int next = last + 1; next <= pageNum + prefetchPages && next <= maxPageNum; next++) {
            // Only within a known total: without one, speculation past a short last page would cost requests.
            if (lastTotal < 0 || (long) (next - 1) * pageSize >= lastTotal) {
                break;
            }
            int page = next;
            pending.addLast(new PendingPage(page,
                    CompletableFuture.supplyAsync(() -> client.listTasks(slice, page, pageSize), fetchExecutor)));
        }
    }

    private void cancelPending() {
        for (PendingPage page : pending) {
            page.response().cancel(false);
        }
        pending.clear();
    }

    private static List<String> idsOf(List<JsonNode> items) {
        List<String> ids = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            ids.add(JsonText.of(item.get("id")));
        }
        return ids;
    }

    @Override
    public RawTaskItem read() throws Exception {
        RawTaskItem item = super.read();
        if (item != null && !chunkStarted) {
            chunkStarted = true;
            chunkStartSlice = consumingSlice;
            chunkStartPage = consumingPage;
        }
        return item;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        if (executionContext.containsKey(getExecutionContextKey(SLICE_KEY))) {
            if (executionContext.containsKey(getExecutionContextKey(SLICES_KEY))) {
                slices.clear();
                executionContext.getString(getExecutionContextKey(SLICES_KEY))
                    .lines()
                    .map(ListingSlice::decode)
                    .forEach(slices::add);
            }
            followedUp = Boolean.parseBoolean(executionContext.getString(getExecutionContextKey(FOLLOWED_UP_KEY), "false"));
            sliceIndex = executionContext.getInt(getExecutionContextKey(SLICE_KEY));
            nextPage = executionContext.getInt(getExecutionContextKey(PAGE_KEY));
            restoreRepairState(executionContext);
            executionContext.getString(getExecutionContextKey(NARROWED_KEY), "")
                .lines()
                .map(NarrowedListing::decode)
                .forEach(narrowed -> narrowings.put(narrowed.listing(), narrowed));
            // Until a page is read, the restored position is also what update() must save again.
            consumingSlice = sliceIndex;
            consumingPage = nextPage;
            log.info("Resuming at page {} of listing {} of {}", nextPage, sliceIndex + 1, slices.size());
            executionContext.putString(GoneTaskListener.RESTARTED, "true");
        }
        super.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (isSaveState()) {
            List<String> encoded = slices.stream().map(ListingSlice::encode).toList();
            executionContext.putString(getExecutionContextKey(SLICES_KEY), String.join("\n", encoded));
            executionContext.putString(getExecutionContextKey(FOLLOWED_UP_KEY), String.valueOf(followedUp));
            executionContext.putInt(getExecutionContextKey(SLICE_KEY), chunkStarted ? chunkStartSlice : consumingSlice);
            executionContext.putInt(getExecutionContextKey(PAGE_KEY), chunkStarted ? chunkStartPage : consumingPage);
            saveRepairState(executionContext, chunkStarted ? chunkStartSlice : consumingSlice,
                    chunkStarted ? chunkStartPage : consumingPage);
            executionContext.putString(getExecutionContextKey(NARROWED_KEY), narrowings.values().stream()
                .map(NarrowedListing::encode)
                .collect(Collectors.joining("\n")));
        }
        chunkStarted = false;
    }

    /**
     * What a resumed run needs to keep repairing the listing it resumes in: the last total read, so that a drop
     * while no run was reading (the failed run's last chunk to the restart, hours maybe) is noticed at the first
     * page read; and the re-reads queued but not done, which would otherwise be lost with the tasks they would
     * have found. Both belong to the listing being read; when the restart begins in an earlier listing, that
     * listing is read from there and the later one from its first page, which needs neither.
     */
    private void saveRepairState(ExecutionContext executionContext, int restartSlice, int restartPage) {
        boolean sameListing = restartSlice == sliceIndex && forwardPage > 0;
        executionContext.putLong(getExecutionContextKey(TOTAL_KEY), sameListing ? lastTotal : -1);
        String queued = sameListing ? repairs.stream()
            .filter(page -> page < restartPage)
            .map(String::valueOf)
            .collect(Collectors.joining(",")) : "";
        executionContext.putString(getExecutionContextKey(REPAIRS_KEY), queued);
    }

    private void restoreRepairState(ExecutionContext executionContext) {
        lastTotal = executionContext.getLong(getExecutionContextKey(TOTAL_KEY), -1L);
        largestTotal = lastTotal;
        // The pages before the restart page count as read: a drop seen at the first page re-reads those before it.
        forwardPage = lastTotal < 0 ? 0 : nextPage - 1;
        String queued = executionContext.getString(getExecutionContextKey(REPAIRS_KEY), "");
        if (!queued.isEmpty()) {
            for (String page : queued.split(",")) {
                repairs.add(Integer.valueOf(page));
            }
        }
    }

    @Override
    protected void doClose() throws Exception {
        cancelPending();
        progress.close();
        super.doClose();
    }

    /** Position comes from {@link #open}: the page is read again whole, see the class comment. */
    @Override
    protected void jumpToItem(int itemIndex) {
    }

    private record PendingPage(int pageNum, CompletableFuture<TaskPageResponse> response) {
    }
}

package io.arktasksync.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

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
 * Reads every task of every {@link ListingSlice}, page by page, from {@code page_num=1} on.
 * <p>
 * <b>When a slice ends.</b> On an empty page, on a short page, at {@code maxPageNum} (the API answers 400 past it;
 * the tasks beyond are counted as out of reach), or when a page repeats the previous page's ids (an API or relay
 * that ignores {@code page_num}). {@code total} is not trusted to stop early: it can change between pages or be
 * wrong, and one extra request costs less than a missed task. So the reader ends on any API, at the latest after
 * {@code maxPageNum} pages per slice.
 * <p>
 * <b>Restart.</b> At each chunk boundary the execution context records the slice and page that supplied the chunk's
 * first item. A restarted execution reads from that page again, from its first item: re-writing a chunk's worth of
 * items is harmless because writes are idempotent, while skipping by item count would lose tasks when pages shifted
 * in between. Starting from the chunk's first page, not the current one, also covers Spring Batch 6 saving the
 * reader state even for a chunk whose transaction rolled back (spring-batch#5182).
 * <p>
 * <b>Prefetch.</b> While the step maps and writes one page, the next {@code prefetchPages} pages of the same listing
 * are already being fetched and parsed on {@code fetchExecutor}, so the network, the JSON parser and PostgreSQL work
 * at the same time. Prefetching is speculative and never decides anything: pages are still consumed strictly in
 * order and the same rules end a listing; a page fetched past the end is dropped. It stops at the {@code total}
 * reported by the last page, so an ordinary listing costs no extra request.
 * <p>
 * Not thread-safe, as its base class; use it from one thread (the fetch threads only run HTTP calls).
 */
public class TaskPageReader extends AbstractPaginatedDataItemReader<RawTaskItem> {

    static final String SLICE_KEY = "slice.index";

    static final String PAGE_KEY = "slice.page";

    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final ArkApiClient client;

    private final List<ListingSlice> slices;

    private final int maxPageNum;

    private final SyncRunStatistics statistics;

    private final Executor fetchExecutor;

    private final int prefetchPages;

    /** Pages requested ahead of time for the current slice, in page order. */
    private final Deque<PendingPage> pending = new ArrayDeque<>();

    /** The {@code total} of the latest page of the current slice, -1 when unknown. */
    private long knownTotal = -1;

    /** Slice and page of the next request. */
    private int sliceIndex;

    private int nextPage = 1;

    /** Slice and page whose items are being handed out. */
    private int consumingSlice;

    private int consumingPage = 1;

    /** Slice and page of the first item handed out since the last {@link #update}: where a restart begins. */
    private int chunkStartSlice;

    private int chunkStartPage = 1;

    private boolean chunkStarted;

    private List<String> previousPageIds = List.of();

    public TaskPageReader(ArkApiClient client, List<ListingSlice> slices, int pageSize, int maxPageNum,
            SyncRunStatistics statistics, Executor fetchExecutor, int prefetchPages) {
        this.client = client;
        this.slices = List.copyOf(slices);
        this.maxPageNum = maxPageNum;
        this.statistics = statistics;
        this.fetchExecutor = fetchExecutor;
        this.prefetchPages = prefetchPages;
        setPageSize(pageSize);
        setName("taskPageReader");
    }

    @Override
    protected Iterator<RawTaskItem> doPageRead() {
        while (sliceIndex < slices.size()) {
            ListingSlice slice = slices.get(sliceIndex);
            int pageNum = nextPage;
            TaskPageResponse page = take(slice, pageNum);
            knownTotal = page.total();
            prefetch(slice, pageNum);
            List<JsonNode> items = page.items();
            statistics.pageRead(slice.label(), pageNum, page.total(), items.size());
            List<String> ids = idsOf(items);
            if (items.isEmpty()) {
                finishSlice();
                continue;
            }
            if (ids.equals(previousPageIds)) {
                log.warn("Page {} of {} repeats page {}: the API ignores page_num; ending this listing", pageNum,
                        slice.label(), pageNum - 1);
                finishSlice();
                continue;
            }
            consumingSlice = sliceIndex;
            consumingPage = pageNum;
            previousPageIds = ids;
            if (items.size() < pageSize) {
                finishSlice();
            }
            else if (pageNum >= maxPageNum) {
                reportUnreachable(slice, pageNum, page.total());
                finishSlice();
            }
            else {
                nextPage++;
            }
            return wrap(items, slice, pageNum);
        }
        return Collections.emptyIterator();
    }

    private void reportUnreachable(ListingSlice slice, int pageNum, long total) {
        long reachable = (long) pageNum * pageSize;
        if (total > reachable) {
            statistics.outOfReach(total - reachable);
            log.warn("{} lists {} tasks but only {} are reachable (page_num <= {} x page_size {}); {} are out of reach",
                    slice.label(), total, reachable, maxPageNum, pageSize, total - reachable);
        }
    }

    private void finishSlice() {
        sliceIndex++;
        nextPage = 1;
        previousPageIds = List.of();
        knownTotal = -1;
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

    /** Requests the pages after {@code pageNum} that may exist, up to {@code prefetchPages} ahead. */
    private void prefetch(ListingSlice slice, int pageNum) {
        int last = pending.isEmpty() ? pageNum : pending.peekLast().pageNum();
        for (int next = last + 1; next <= pageNum + prefetchPages && next <= maxPageNum; next++) {
            // Only within a known total: without one, speculation past a short last page would cost requests.
            if (knownTotal < 0 || (long) (next - 1) * pageSize >= knownTotal) {
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

    private record PendingPage(int pageNum, CompletableFuture<TaskPageResponse> response) {
    }

    private static Iterator<RawTaskItem> wrap(List<JsonNode> items, ListingSlice slice, int pageNum) {
        List<RawTaskItem> raw = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            raw.add(new RawTaskItem(item, slice.label(), slice.serviceTier(), pageNum));
        }
        return raw.iterator();
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
            sliceIndex = executionContext.getInt(getExecutionContextKey(SLICE_KEY));
            nextPage = executionContext.getInt(getExecutionContextKey(PAGE_KEY));
            // Until a page is read, the restored position is also what update() must save again.
            consumingSlice = sliceIndex;
            consumingPage = nextPage;
            log.info("Resuming at page {} of listing {} of {}", nextPage, sliceIndex + 1, slices.size());
        }
        super.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (isSaveState()) {
            executionContext.putInt(getExecutionContextKey(SLICE_KEY), chunkStarted ? chunkStartSlice : consumingSlice);
            executionContext.putInt(getExecutionContextKey(PAGE_KEY), chunkStarted ? chunkStartPage : consumingPage);
        }
        chunkStarted = false;
    }

    @Override
    protected void doClose() throws Exception {
        cancelPending();
        super.doClose();
    }

    /** Position comes from {@link #open}: the page is read again whole, see the class comment. */
    @Override
    protected void jumpToItem(int itemIndex) {
    }
}

package io.arktasksync.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

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
 * <b>Restart.</b> The execution context holds the slice and the page being consumed. A restarted execution reads
 * that page again from its first item: re-writing a few items is harmless because writes are idempotent, while
 * skipping by item count would lose tasks when pages shifted in between.
 * <p>
 * Not thread-safe, as its base class; use it from one thread.
 */
public class TaskPageReader extends AbstractPaginatedDataItemReader<RawTaskItem> {

    static final String SLICE_KEY = "slice.index";

    static final String PAGE_KEY = "slice.page";

    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final ArkApiClient client;

    private final List<ListingSlice> slices;

    private final int maxPageNum;

    private final SyncRunStatistics statistics;

    /** Slice and page of the next request. */
    private int sliceIndex;

    private int nextPage = 1;

    /** Slice and page whose items are being handed out: what a restart must read again. */
    private int consumingSlice;

    private int consumingPage = 1;

    private List<String> previousPageIds = List.of();

    public TaskPageReader(ArkApiClient client, List<ListingSlice> slices, int pageSize, int maxPageNum,
            SyncRunStatistics statistics) {
        this.client = client;
        this.slices = List.copyOf(slices);
        this.maxPageNum = maxPageNum;
        this.statistics = statistics;
        setPageSize(pageSize);
        setName("taskPageReader");
    }

    @Override
    protected Iterator<RawTaskItem> doPageRead() {
        while (sliceIndex < slices.size()) {
            ListingSlice slice = slices.get(sliceIndex);
            int pageNum = nextPage;
            TaskPageResponse page = client.listTasks(slice, pageNum, pageSize);
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
    public void open(ExecutionContext executionContext) {
        if (executionContext.containsKey(getExecutionContextKey(SLICE_KEY))) {
            sliceIndex = executionContext.getInt(getExecutionContextKey(SLICE_KEY));
            nextPage = executionContext.getInt(getExecutionContextKey(PAGE_KEY));
            log.info("Resuming at page {} of listing {} of {}", nextPage, sliceIndex + 1, slices.size());
        }
        super.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (isSaveState()) {
            executionContext.putInt(getExecutionContextKey(SLICE_KEY), consumingSlice);
            executionContext.putInt(getExecutionContextKey(PAGE_KEY), consumingPage);
        }
    }

    /** Position comes from {@link #open}: the page is read again whole, see the class comment. */
    @Override
    protected void jumpToItem(int itemIndex) {
    }
}

package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.client.JsonText;
import io.arktasksync.client.TaskPageResponse;

import tools.jackson.databind.JsonNode;

/**
 * The forward walk over one listing, page after page, and its end rules. It only judges pages; fetching,
 * repairing and counting are done by others.
 * <p>
 * A listing ends on an empty page; on a page shorter than asked when {@code total} agrees that nothing follows; on a
 * page that repeats the previous page's ids (the upstream ignores {@code page_num}); when an incremental listing
 * read down to tasks the database already held ({@code createdFrom}); or at {@code maxPageNum}.
 * <p>
 * A page shorter than asked while {@code total} says more follows is a <b>capped</b> page: a relay that serves at
 * most {@code c} items a page (and counts its offsets in pages of {@code c}). The walk then goes on in pages of
 * {@code c}, from the first page not yet covered. A cap is learnt at most {@value #MAX_CAPS_LEARNT} times per
 * listing: an upstream whose pages keep shrinking is not a cap, and the sanity rule judges what was read.
 * <p>
 * The order is checked from {@code created_at} along the pages: a listing that turns out oldest first has its new
 * tasks at the end, so its {@code createdFrom} floor is ignored and it is read whole.
 */
final class ListingWalk {

    static final int MAX_CAPS_LEARNT = 3;

    /** Why a listing ended, or {@link #NONE} while it goes on. */
    enum End {
        NONE, EMPTY, LAST_PAGE, PAGE_NUM_IGNORED, CREATED_FROM, PAGE_LIMIT
    }

    private final Long createdFrom;

    private final int maxPageNum;

    private int pageSize;

    private int nextPage;

    private End end = End.NONE;

    private int capsLearnt;

    private List<String> previousPageIds = List.of();

    private Long previousCreatedAt;

    private long ascending;

    private long descending;

    ListingWalk(Long createdFrom, int pageSize, int maxPageNum, int firstPage) {
        this.createdFrom = createdFrom;
        this.pageSize = pageSize;
        this.maxPageNum = maxPageNum;
        this.nextPage = firstPage;
    }

    /** The page to ask for next, in pages of {@link #pageSize()}. */
    int nextPage() {
        return nextPage;
    }

    /** The page size the upstream serves: the configured one until a cap is learnt. */
    int pageSize() {
        return pageSize;
    }

    boolean ended() {
        return end != End.NONE;
    }

    End end() {
        return end;
    }

    /** Whether {@code created_at} rose more often than it fell along the items read: the listing is oldest first. */
    boolean oldestFirst() {
        return ascending > descending;
    }

    /** Takes back an end seen on a read that did not cover the frontier: the next read goes lower. */
    void reopen() {
        end = End.NONE;
        previousPageIds = List.of();
    }

    /** Ends the walk from outside (the listing's end was decided elsewhere). */
    void endAs(End reason) {
        end = reason;
    }

    /**
     * Judges the page just read going forward.
     *
     * @param pageNum the page asked for
     * @param askedSize the page size asked for
     * @return whether the page's items are to be handed on (a repeated page's are not: they were already)
     */
    boolean accept(int pageNum, int askedSize, TaskPageResponse page) {
        List<JsonNode> items = page.items();
        if (items.isEmpty()) {
            end = End.EMPTY;
            return false;
        }
        List<String> ids = idsOf(items);
        // Ids prove a repeat only when every item has one: two pages of id-less garbage are not the same page.
        if (!ids.contains(null) && ids.equals(previousPageIds)) {
            end = End.PAGE_NUM_IGNORED;
            return false;
        }
        previousPageIds = ids;
        observeOrder(items);
        long before = (long) (pageNum - 1) * askedSize;
        boolean capped = items.size() < askedSize && page.total() > before + items.size()
                && capsLearnt < MAX_CAPS_LEARNT;
        if (items.size() < askedSize && !capped) {
            end = End.LAST_PAGE;
        }
        else if (reachedCreatedFrom(items)) {
            end = End.CREATED_FROM;
        }
        else if (pageNum >= maxPageNum) {
            end = End.PAGE_LIMIT;
        }
        else if (capped) {
            learnCap(pageNum, before, items.size());
        }
        else {
            nextPage = pageNum + 1;
        }
        return true;
    }

    /**
     * The upstream served {@code cap} items for page {@code pageNum}, at offset {@code (pageNum - 1) x cap} in its own
     * pages. Offsets up to the larger of what earlier pages covered and what this one reached are read; the walk goes
     * on at the page of {@code cap} items that holds the first offset not read.
     */
    private void learnCap(int pageNum, long coveredBefore, int cap) {
        capsLearnt++;
        pageSize = cap;
        long readThrough = Math.max(coveredBefore, (long) pageNum * cap);
        nextPage = (int) Math.min(Integer.MAX_VALUE, readThrough / cap + 1);
        if (nextPage > maxPageNum) {
            end = End.PAGE_LIMIT;
        }
    }

    private void observeOrder(List<JsonNode> items) {
        for (JsonNode item : items) {
            JsonNode createdAt = item.get("created_at");
            if (createdAt == null || !createdAt.canConvertToLong()) {
                continue;
            }
            long value = createdAt.longValue();
            if (previousCreatedAt != null) {
                if (value > previousCreatedAt) {
                    ascending++;
                }
                else if (value < previousCreatedAt) {
                    descending++;
                }
            }
            previousCreatedAt = value;
        }
    }

    /** Whether an incremental head listing has come down to tasks the database already held. */
    private boolean reachedCreatedFrom(List<JsonNode> items) {
        if (createdFrom == null || oldestFirst()) {
            return false;
        }
        JsonNode createdAt = items.get(items.size() - 1).get("created_at");
        return createdAt != null && createdAt.canConvertToLong() && createdAt.longValue() < createdFrom;
    }

    static List<String> idsOf(List<JsonNode> items) {
        List<String> ids = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            ids.add(JsonText.of(item.get("id")));
        }
        return ids;
    }
}

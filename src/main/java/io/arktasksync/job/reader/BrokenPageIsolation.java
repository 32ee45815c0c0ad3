package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.arktasksync.client.ArkApiException;
import io.arktasksync.client.BrokenPageException;
import io.arktasksync.client.JsonText;
import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.client.UnparsedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * A {@link PageSource} that does not let one page broken inside its items ({@link BrokenPageException}: JSON whose
 * structure breaks in the middle, a response larger than {@code ark.max-page-bytes}) fail its account on every run.
 * It keeps the items read before the fault and reads the rest of the page's range again in the smallest pages the
 * API can page to (one item a page on the first {@code maxPageNum} offsets; deeper, the smallest size whose page
 * numbers stay within {@code maxPageNum}), so that the offending item ends alone and is quarantined while every
 * other item of the range is read. The answer is the page that was asked for, of the same length, so the reader's
 * rules (a short page ends a listing) see what they would have seen:
 * <ul>
 * <li>the offending item is an {@link UnparsedItem} (a reject with the start of its text and its id when that came
 * before the fault);</li>
 * <li>when pages of one item cannot reach that deep, the items that follow it in its smaller page cannot be read
 * past it: they are looked for in narrower listings ({@link NeighbourNarrowing}: one per status, then one per
 * configured endpoint id), where the bad item is not (or sits shallower), and handed on in its page's place;</li>
 * <li>those that no trusted narrower listing returns (an {@code expired} task without endpoint ids, a relay that
 * ignores the filters, a listing already narrowed by status and model) are each an {@link UnparsedItem} without an
 * id or text ("not read"), a reject that makes the listing unreconciled, never a silent gap.</li>
 * </ul>
 * {@code total} is the last one the re-reads saw: should tasks leave the listing meanwhile, the reader's shift
 * repair sees the drop as it would between two pages. Stateless and thread-safe (the prefetch threads call it).
 */
public final class BrokenPageIsolation implements PageSource {

    /** The reader's logger, so the log lines keep their category. */
    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final PageSource upstream;

    private final int maxPageNum;

    private final NeighbourNarrowing narrowing;

    /** The filters narrower listings use, for the reason of a "not read" reject. */
    private final String narrowedBy;

    public BrokenPageIsolation(PageSource upstream, int maxPageNum) {
        this(upstream, maxPageNum, List.of());
    }

    /** @param endpointIds the account's endpoint ids ({@code ep-...}), to narrow by {@code filter.model} with too */
    public BrokenPageIsolation(PageSource upstream, int maxPageNum, List<String> endpointIds) {
        this.upstream = upstream;
        this.maxPageNum = maxPageNum;
        this.narrowing = new NeighbourNarrowing(this, maxPageNum, endpointIds);
        this.narrowedBy = endpointIds.isEmpty() ? "filter.status" : "filter.status, filter.model=ep-...";
    }

    @Override
    public TaskPageResponse page(ListingFilter filter, int pageNum, int pageSize) {
        try {
            return upstream.page(filter, pageNum, pageSize);
        }
        catch (BrokenPageException broken) {
            log.warn("{}; reading its items again in smaller pages to isolate the fault", broken.getMessage());
            return isolate(filter, pageNum, pageSize, broken);
        }
    }

    private TaskPageResponse isolate(ListingFilter filter, int pageNum, int pageSize, BrokenPageException broken) {
        long first = (long) (pageNum - 1) * pageSize;
        long end = first + pageSize;
        Assembly page = new Assembly(broken.pageBefore());
        long next = first + broken.brokenAt();
        int size = smallestReachingSize(end);
        while (next < end) {
            int subPage = (int) (next / size) + 1;
            long subStart = (long) (subPage - 1) * size;
            BrokenPageException subBroken = null;
            TaskPageResponse sub;
            if (subPage == pageNum && size == pageSize) {
                // Nothing smaller reaches this deep: the page itself is the smallest read of its range.
                subBroken = broken;
                sub = broken.pageBefore();
            }
            else {
                try {
                    sub = upstream.page(filter, subPage, size);
                }
                catch (BrokenPageException e) {
                    subBroken = e;
                    sub = e.pageBefore();
                }
            }
            page.totalSeen(sub.total());
            long subEnd = Math.min(subStart + size, end);
            for (int i = (int) (next - subStart); i < sub.items().size() && next < subEnd; i++, next++) {
                page.add(sub.items().get(i), sub.itemDigests().get(i));
            }
            if (subBroken == null) {
                if (sub.items().size() < size) {
                    break; // the listing ends within this smaller page
                }
                continue;
            }
            if (next == subStart + subBroken.brokenAt() && next < subEnd) {
                page.add(subBroken.broken().asNode(), null);
                next++;
            }
            if (next < subEnd) {
                List<NeighbourNarrowing.Neighbour> neighbours = neighbours(filter, pageNum, pageSize, size, page,
                        subBroken, subEnd, (int) (subEnd - next));
                for (NeighbourNarrowing.Neighbour neighbour : neighbours) {
                    page.add(neighbour.item(), neighbour.digest());
                    next++;
                }
            }
            for (; next < subEnd; next++) {
                page.add(new UnparsedItem("", "not read: an earlier item of its page of " + size + " broke the page,"
                        + " no smaller page reaches offset " + next + " (page_num stops at " + maxPageNum + ")"
                        + " and no narrower listing (" + narrowedBy + ") returned it", null, -1).asNode(), null);
            }
        }
        log.warn("Page {} of {} (size {}) was read again in pages of {}: {} item(s) quarantined in ark.task_rejects",
                pageNum, filter.label(), pageSize, size, page.unparsed());
        return page.response();
    }

    /**
     * The tasks behind the bad item that no page of {@code size} or smaller can reach, found through narrower listings
     * ({@link NeighbourNarrowing}); empty when they cannot be found and trusted (then they are rejected as not read).
     * The window is bounded by the last task read before the bad item and the first one after the range: the next
     * page of {@code size}, or, when the range ends the page asked for, the reader's next page (which starts past the
     * bad item whatever the sizes).
     */
    private List<NeighbourNarrowing.Neighbour> neighbours(ListingFilter filter, int pageNum, int pageSize, int size,
            Assembly page, BrokenPageException broken, long rangeEnd, int count) {
        Long newest = null;
        Set<String> known = new HashSet<>();
        for (JsonNode item : page.items) {
            Long createdAt = NeighbourNarrowing.createdAt(item);
            if (createdAt != null) {
                newest = createdAt;
            }
            addId(known, item);
        }
        if (broken.broken().taskId() != null) {
            known.add(broken.broken().taskId());
        }
        if (newest == null) {
            return List.of(); // nothing read before the bad item to start the window from
        }
        long endOfPage = (long) pageNum * pageSize;
        TaskPageResponse after;
        long afterStart;
        try {
            if (rangeEnd < endOfPage) {
                after = upstream.page(filter, (int) (rangeEnd / size) + 1, size);
                afterStart = rangeEnd;
            }
            else if (pageNum < maxPageNum) {
                after = upstream.page(filter, pageNum + 1, pageSize);
                afterStart = endOfPage;
            }
            else {
                return List.of(); // the range ends the last page the API serves: nothing bounds it
            }
        }
        catch (BrokenPageException e) {
            after = e.pageBefore();
            afterStart = -1;
        }
        catch (ArkApiException e) {
            log.warn("Cannot read past the broken page of {} to bound its unread items: {}", filter.label(),
                    e.getMessage());
            return List.of();
        }
        if (afterStart < 0 && after.items().isEmpty()) {
            return List.of(); // the next read broke at once: the window has no lower bound
        }
        after.items().forEach(item -> addId(known, item));
        Long oldest = after.items().isEmpty() ? null : NeighbourNarrowing.createdAt(after.items().get(0));
        if (!after.items().isEmpty() && oldest == null) {
            return List.of();
        }
        List<NeighbourNarrowing.Neighbour> found = narrowing.find(filter, pageSize,
                new NeighbourNarrowing.Window(newest, oldest, known, count));
        if (found == null) {
            return List.of();
        }
        log.info("{} of {} item(s) behind the broken page of {} found through narrower listings", found.size(), count,
                filter.label());
        return found;
    }

    private static void addId(Set<String> ids, JsonNode item) {
        String id = JsonText.of(item.get("id"));
        if (id != null) {
            ids.add(id);
        }
    }

    /** The smallest page size whose pages reach offset {@code end - 1} within {@code maxPageNum}. */
    private int smallestReachingSize(long end) {
        return (int) Math.max(1, (end + maxPageNum - 1) / maxPageNum);
    }

    /** The page being put together: items and digests by index, and the last total seen. */
    private static final class Assembly {

        private final List<JsonNode> items = new ArrayList<>();

        private final List<UUID> digests = new ArrayList<>();

        private long total;

        Assembly(TaskPageResponse before) {
            items.addAll(before.items());
            digests.addAll(before.itemDigests());
            total = before.total();
        }

        void add(JsonNode item, UUID digest) {
            items.add(item);
            digests.add(digest);
        }

        void totalSeen(long seen) {
            if (seen >= 0) {
                total = seen;
            }
        }

        long unparsed() {
            return items.stream().filter(item -> UnparsedItem.of(item) != null).count();
        }

        TaskPageResponse response() {
            return new TaskPageResponse(total, items, digests);
        }
    }
}

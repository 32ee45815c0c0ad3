package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.arktasksync.client.ArkApiException;
import io.arktasksync.client.ArkAuthenticationException;
import io.arktasksync.client.JsonText;
import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.client.UnparsedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Deep in a listing, where no page small enough to hold the bad item alone can be paged to, finds the tasks a broken
 * page hides behind it through narrower listings: one per status ({@code filter.status}). The bad item is in one of
 * them only, where it sits shallower; the others hold its neighbours unbroken. The neighbours are told apart by
 * {@code created_at}: they lie between the last task read before the bad item and the first task read after the
 * unreadable range, and every listing is in the same order, so each status listing is searched (by halving its page
 * numbers) for the page where that window starts and read on until it ends.
 * <p>
 * Nothing is taken on trust: a narrowed answer holding an item of another status (a relay that ignores the filter), a
 * listing not newest first, or more tasks in the window than the range held (ties beyond what was read, churn) make
 * the whole narrowing void, and the caller keeps today's "not read" rejects. Fewer (an {@code expired} neighbour,
 * which no filter reaches, or one that is itself unreadable) are returned as found: the caller rejects the rest as
 * not read. Stateless; the pages come through {@code source}, the isolating source itself, so a narrowed page that
 * breaks on the bad item is isolated in turn (a status listing is never narrowed again).
 */
final class NeighbourNarrowing {

    /** The reader's logger, so the log lines keep their category. */
    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    /** Pages of one status listing read on from where the window starts; more means the window is not what it seemed. */
    private static final int MAX_SCAN_PAGES = 4;

    private final PageSource source;

    private final int maxPageNum;

    NeighbourNarrowing(PageSource source, int maxPageNum) {
        this.source = source;
        this.maxPageNum = maxPageNum;
    }

    /**
     * The tasks that lie between two tasks of a listing, read in order.
     *
     * @param newest {@code created_at} of the last task read before the unreadable range
     * @param oldest {@code created_at} of the first task read after it, null when the listing ends with it
     * @param known ids read around the range (and the bad item's, when known): not neighbours
     * @param count how many offsets the range holds
     */
    record Window(long newest, Long oldest, Set<String> known, int count) {
    }

    /** A task found in a narrower listing, with the digest of its bytes as received there. */
    record Neighbour(JsonNode item, UUID digest, long createdAt) {
    }

    /**
     * @return the neighbours found, newest first (at most {@code window.count()}), or null when narrowing cannot be
     *         trusted or does not apply (a listing already narrowed by status or ids)
     */
    List<Neighbour> find(ListingFilter filter, int pageSize, Window window) {
        if (filter.status() != null || !filter.taskIds().isEmpty()) {
            return null;
        }
        Map<String, Neighbour> found = new LinkedHashMap<>();
        try {
            for (String status : CapNarrowing.FILTERABLE_STATUSES) {
                ListingFilter narrowed = new ListingFilter(status, filter.model(), List.of(), filter.serviceTier());
                String failure = collect(narrowed, pageSize, window, found);
                if (failure != null) {
                    log.warn("Cannot narrow {} to reach the items behind a broken page: {}", filter.label(), failure);
                    return null;
                }
            }
        }
        catch (ArkAuthenticationException e) {
            throw e;
        }
        catch (ArkApiException e) {
            log.warn("Cannot narrow {} to reach the items behind a broken page: {}", filter.label(), e.getMessage());
            return null;
        }
        if (found.size() > window.count()) {
            log.warn("Cannot narrow {} to reach the items behind a broken page: {} task(s) in the window, {} offsets",
                    filter.label(), found.size(), window.count());
            return null;
        }
        List<Neighbour> neighbours = new ArrayList<>(found.values());
        neighbours.sort(Comparator.comparingLong(Neighbour::createdAt).reversed());
        return neighbours;
    }

    /** Adds the window's tasks of one status listing to {@code found}; returns why it cannot be trusted, or null. */
    private String collect(ListingFilter narrowed, int pageSize, Window window, Map<String, Neighbour> found) {
        Map<Integer, TaskPageResponse> pages = new HashMap<>();
        TaskPageResponse first = page(narrowed, 1, pageSize, pages);
        if (first.items().isEmpty()) {
            return null;
        }
        int last = (int) Math.min(maxPageNum, Math.max(1, (first.total() + pageSize - 1) / pageSize));
        // the last page whose first task is newer than the window: no task of the window comes before it
        int low = 1;
        int high = last;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            Long firstCreated = firstCreatedAt(page(narrowed, middle, pageSize, pages));
            if (firstCreated != null && firstCreated > window.newest()) {
                low = middle;
            }
            else {
                high = middle - 1;
            }
        }
        Long previous = null;
        for (int pageNum = low; pageNum <= maxPageNum; pageNum++) {
            if (pageNum - low >= MAX_SCAN_PAGES) {
                return "the window goes on past " + MAX_SCAN_PAGES + " pages of " + narrowed.label();
            }
            TaskPageResponse page = page(narrowed, pageNum, pageSize, pages);
            for (int i = 0; i < page.items().size(); i++) {
                JsonNode item = page.items().get(i);
                Long createdAt = createdAt(item);
                if (UnparsedItem.of(item) != null || createdAt == null) {
                    continue; // unreadable: if it is a neighbour, it stays one the caller rejects as not read
                }
                if (!narrowed.status().equals(JsonText.of(item.get("status")))) {
                    return "it answered filter.status=" + narrowed.status() + " with an item of status "
                            + JsonText.of(item.get("status")) + " (filter ignored?)";
                }
                if (previous != null && createdAt > previous) {
                    return narrowed.label() + " is not listed newest first";
                }
                previous = createdAt;
                if (window.oldest() != null && createdAt < window.oldest()) {
                    return null;
                }
                String id = JsonText.of(item.get("id"));
                if (createdAt <= window.newest() && id != null && !window.known().contains(id)) {
                    found.putIfAbsent(id, new Neighbour(item, page.itemDigests().get(i), createdAt));
                }
            }
            if (page.items().size() < pageSize || found.size() > window.count()) {
                return null;
            }
        }
        return null;
    }

    private TaskPageResponse page(ListingFilter filter, int pageNum, int pageSize, Map<Integer, TaskPageResponse> pages) {
        TaskPageResponse page = pages.get(pageNum);
        if (page == null) {
            page = source.page(filter, pageNum, pageSize);
            pages.put(pageNum, page);
        }
        return page;
    }

    private static Long firstCreatedAt(TaskPageResponse page) {
        return page.items().isEmpty() ? null : createdAt(page.items().get(0));
    }

    /** The item's {@code created_at} in Unix seconds, null when it has none (or is unreadable). */
    static Long createdAt(JsonNode item) {
        JsonNode createdAt = item == null ? null : item.get("created_at");
        return createdAt != null && createdAt.isIntegralNumber() ? createdAt.asLong() : null;
    }
}

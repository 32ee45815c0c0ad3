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
 * page hides behind it through narrower listings, where the bad item is not (or sits shallower) and its neighbours
 * are unbroken:
 * <ol>
 * <li>one per status ({@code filter.status}), for a listing not narrowed by status;</li>
 * <li>then, when the account has endpoint ids ({@code ark.endpoint-ids}) and the listing is not narrowed by model,
 * one per endpoint id ({@code filter.model=ep-...}, with the listing's status filter if it has one, else none): for
 * the neighbours the status listings did not return ({@code expired}, which no status filter reaches), and for a
 * listing already narrowed by status (a past-cap listing split by {@code CapNarrowing}), the only narrowing left.</li>
 * </ol>
 * The neighbours are told apart by {@code created_at}: they lie between the last task read before the bad item and
 * the first task read after the unreadable range, and every listing is in the same order, so each narrower listing
 * is searched (by halving its page numbers) for the page where that window starts and read on until it ends.
 * <p>
 * <b>Trust.</b> Nothing is taken on trust. In either step, an answer holding an item outside its filter (an item of
 * another status; under {@code filter.model}, items of two models, since an endpoint serves one, or a task also
 * listed under another endpoint id: a relay that ignores the filter), a listing not newest first, more tasks in the
 * window than the range held (ties beyond what was read, churn), or an error answer make that step void: the status
 * step voids the whole narrowing (the caller keeps today's "not read" rejects), the endpoint step only what it would
 * have added. Fewer (an {@code expired} neighbour without endpoint ids or of an endpoint not configured, one that is
 * itself unreadable) are returned as found: the caller rejects the rest as not read. Without endpoint ids the
 * endpoint step never runs.
 * <p>
 * <b>Restart and threads.</b> Stateless between calls (nothing of it is in the reader's checkpoint: a restarted run
 * reads the broken page again and narrows again), so thread-safe (the prefetch threads call it). The pages come
 * through {@code source}, the isolating source itself, so a narrowed page that breaks on the bad item is isolated in
 * turn; each level adds a filter (status, then model) and a listing with both is never narrowed again, so the
 * recursion ends.
 */
final class NeighbourNarrowing {

    /** The reader's logger, so the log lines keep their category. */
    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    /** Pages of one narrower listing read on from where the window starts; more means the window is not what it seemed. */
    private static final int MAX_SCAN_PAGES = 4;

    private final PageSource source;

    private final int maxPageNum;

    private final List<String> endpointIds;

    NeighbourNarrowing(PageSource source, int maxPageNum, List<String> endpointIds) {
        this.source = source;
        this.maxPageNum = maxPageNum;
        this.endpointIds = List.copyOf(endpointIds);
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
     *         trusted or does not apply (a listing of task ids, one narrowed by status and model, or by status without
     *         endpoint ids)
     */
    List<Neighbour> find(ListingFilter filter, int pageSize, Window window) {
        boolean byEndpoint = filter.model() == null && !endpointIds.isEmpty();
        if (!filter.taskIds().isEmpty() || (filter.status() != null && !byEndpoint)) {
            return null;
        }
        Map<String, Neighbour> found = new LinkedHashMap<>();
        if (filter.status() == null && !byStatus(filter, pageSize, window, found)) {
            return null;
        }
        if (byEndpoint && found.size() < window.count()) {
            Map<String, Neighbour> more = new LinkedHashMap<>(found);
            if (byEndpoint(filter, pageSize, window, more)) {
                found = more;
            }
            else if (filter.status() != null) {
                return null;
            }
        }
        List<Neighbour> neighbours = new ArrayList<>(found.values());
        neighbours.sort(Comparator.comparingLong(Neighbour::createdAt).reversed());
        return neighbours;
    }

    /** Step 1: the listing's tasks one status at a time; false when that cannot be trusted. */
    private boolean byStatus(ListingFilter filter, int pageSize, Window window, Map<String, Neighbour> found) {
        List<ListingFilter> narrower = CapNarrowing.FILTERABLE_STATUSES.stream()
            .map(status -> new ListingFilter(status, filter.model(), List.of(), filter.serviceTier()))
            .toList();
        return collectAll(filter, "filter.status", narrower, pageSize, window, found, null);
    }

    /**
     * Step 2: the listing's tasks one endpoint at a time, its status filter kept; false when that cannot be trusted.
     */
    private boolean byEndpoint(ListingFilter filter, int pageSize, Window window, Map<String, Neighbour> found) {
        List<ListingFilter> narrower = endpointIds.stream()
            .map(endpoint -> new ListingFilter(filter.status(), endpoint, List.of(), filter.serviceTier()))
            .toList();
        return collectAll(filter, "filter.model", narrower, pageSize, window, found, new EndpointCheck());
    }

    private boolean collectAll(ListingFilter filter, String field, List<ListingFilter> narrower, int pageSize,
            Window window, Map<String, Neighbour> found, EndpointCheck endpoints) {
        try {
            for (ListingFilter narrowed : narrower) {
                String failure = collect(narrowed, pageSize, window, found, endpoints);
                if (failure != null) {
                    log.warn("Cannot narrow {} by {} to reach the items behind a broken page: {}", filter.label(),
                            field, failure);
                    return false;
                }
            }
        }
        catch (ArkAuthenticationException e) {
            throw e;
        }
        catch (ArkApiException e) {
            log.warn("Cannot narrow {} by {} to reach the items behind a broken page: {}", filter.label(), field,
                    e.getMessage());
            return false;
        }
        if (found.size() > window.count()) {
            log.warn("Cannot narrow {} by {} to reach the items behind a broken page: {} task(s) in the window, {}"
                    + " offsets", filter.label(), field, found.size(), window.count());
            return false;
        }
        return true;
    }

    /**
     * Adds the window's tasks of one narrower listing to {@code found}; returns why it cannot be trusted, or null.
     *
     * @param endpoints the endpoint step's check across its listings, null in the status step
     */
    private String collect(ListingFilter narrowed, int pageSize, Window window, Map<String, Neighbour> found,
            EndpointCheck endpoints) {
        try {
            return collect(new NarrowerListing(narrowed, pageSize, endpoints), window, found);
        }
        catch (OutsideFilter e) {
            return e.getMessage();
        }
    }

    private String collect(NarrowerListing listing, Window window, Map<String, Neighbour> found) {
        ListingFilter narrowed = listing.filter;
        int pageSize = listing.pageSize;
        TaskPageResponse first = listing.page(1);
        if (first.items().isEmpty()) {
            return null;
        }
        int last = (int) Math.min(maxPageNum, Math.max(1, (first.total() + pageSize - 1) / pageSize));
        // the last page whose first task is newer than the window: no task of the window comes before it
        int low = 1;
        int high = last;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            Long firstCreated = firstCreatedAt(listing.page(middle));
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
            TaskPageResponse page = listing.page(pageNum);
            for (int i = 0; i < page.items().size(); i++) {
                JsonNode item = page.items().get(i);
                Long createdAt = createdAt(item);
                if (UnparsedItem.of(item) != null || createdAt == null) {
                    continue; // unreadable: if it is a neighbour, it stays one the caller rejects as not read
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

    /**
     * Whether the endpoint listings' answers are in their filter, as far as the items tell: they carry the model name,
     * not the endpoint id, so an endpoint listing must hold one model (an endpoint serves one) and no task may be
     * listed under two endpoint ids. A relay that ignores {@code filter.model} fails one or the other as soon as the
     * listings hold two models or two endpoint ids are configured. One per endpoint step.
     */
    private static final class EndpointCheck {

        private final Map<String, String> modelOfEndpoint = new HashMap<>();

        private final Map<String, String> endpointOfTask = new HashMap<>();

        /** Why {@code item} cannot be in the listing of {@code endpoint}, or null. */
        String outside(String endpoint, JsonNode item) {
            String model = JsonText.of(item.get("model"));
            if (model != null) {
                String before = modelOfEndpoint.putIfAbsent(endpoint, model);
                if (before != null && !before.equals(model)) {
                    return "it answered filter.model=" + endpoint + " with items of models " + before + " and " + model
                            + " (filter ignored?)";
                }
            }
            String id = JsonText.of(item.get("id"));
            if (id != null) {
                String before = endpointOfTask.putIfAbsent(id, endpoint);
                if (before != null && !before.equals(endpoint)) {
                    return "task " + id + " is listed under filter.model=" + before + " and filter.model=" + endpoint
                            + " (filter ignored?)";
                }
            }
            return null;
        }
    }

    /**
     * One narrower listing as searched: its pages read once each, and every readable item of each checked to be in
     * its filter as soon as it is read (the halving's pages too, so that a listing out of its filter is given up
     * before its broken page is read and isolated in turn).
     */
    private final class NarrowerListing {

        private final ListingFilter filter;

        private final int pageSize;

        /** The endpoint step's check across its listings, null in the status step. */
        private final EndpointCheck endpoints;

        private final Map<Integer, TaskPageResponse> pages = new HashMap<>();

        NarrowerListing(ListingFilter filter, int pageSize, EndpointCheck endpoints) {
            this.filter = filter;
            this.pageSize = pageSize;
            this.endpoints = endpoints;
        }

        TaskPageResponse page(int pageNum) {
            TaskPageResponse page = pages.get(pageNum);
            if (page == null) {
                page = source.page(filter, pageNum, pageSize);
                for (JsonNode item : page.items()) {
                    if (UnparsedItem.of(item) == null) {
                        checkInFilter(item);
                    }
                }
                pages.put(pageNum, page);
            }
            return page;
        }

        private void checkInFilter(JsonNode item) {
            String status = JsonText.of(item.get("status"));
            if (filter.status() != null && !filter.status().equals(status)) {
                throw new OutsideFilter("it answered filter.status=" + filter.status() + " with an item of status "
                        + status + " (filter ignored?)");
            }
            String outside = endpoints == null ? null : endpoints.outside(filter.model(), item);
            if (outside != null) {
                throw new OutsideFilter(outside);
            }
        }
    }

    /** A narrower listing answered with an item outside its filter: it cannot be trusted. */
    private static final class OutsideFilter extends RuntimeException {

        OutsideFilter(String message) {
            super(message, null, false, false);
        }
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

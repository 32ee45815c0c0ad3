package io.arktasksync.job.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.arktasksync.client.JsonText;
import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.job.reader.PageSource;
import tools.jackson.databind.JsonNode;

/**
 * Tells, from two pages of a tier's {@code queued} listing, which stored queued tasks have left the queue, so that an
 * incremental run need not read a backlog of tens of thousands of queued tasks whole to find the few that did.
 * <p>
 * The proof, at the moment {@code t} the API answers page 1 (the tail page is asked first, at {@code t' < t}):
 * <ol>
 * <li>The tail page (the last page at {@code t'}) holds every task queued at {@code t'} created before the newest
 * creation time on it, {@code c}: the listing is newest first. So a stored queued task created before {@code c} that
 * is not on it had left the queue by {@code t'}: it is asked for by id.</li>
 * <li>Queued tasks created at or after {@code c}, at {@code t}: at least {@code total(t) - A}, where {@code A} counts
 * the tail page's items created before {@code c} (no task is created in the past, none returns to the queue). They
 * are the stored queued ones still queued plus the queued tasks the database does not hold as queued. Those are new
 * since the last run, created at or after the incremental floor (the premise every incremental run rests on: older
 * tasks are stored, and {@code queued} is the first status, so none stored with another status is queued again);
 * page 1 reaches below the floor, so it shows them all, {@code N}. Hence the stored queued tasks created at or after
 * {@code c} that left number at most {@code S_hi - (total(t) - A) + N}. Zero proves that none did.</li>
 * </ol>
 * Anything that does not fit is not proven, and the caller reads the listing whole as before: a short count (a
 * task left the newer part, or the old part drained between the two requests), a negative one (a queued task the
 * premise did not account for), a relay that caps the page size, ignores {@code page_num} or the status or tier
 * filter, a listing oldest first, more new queued tasks than a page, a listing past the page limit. What the proof
 * cannot see: a queued task the database does not hold as queued, older than the floor and in the middle of the
 * listing (the same premise a head read rests on), whose count would hide one that left; and a field that changes
 * while a task stays queued.
 * <p>
 * Not thread-safe; one per listing to probe. Makes two or three requests.
 */
public final class QueuedBacklogProbe {

    /** A task the database holds as queued: its id and creation time (Unix seconds). */
    public record StoredQueued(String id, long createdAt) {
    }

    /**
     * @param left the stored queued tasks that left the queue (to ask for by id); empty when not proven
     * @param whyNot null when proven, else why the listing has to be read
     * @param requests requests made
     */
    public record Outcome(List<String> left, String whyNot, int requests) {

        public boolean proven() {
            return whyNot == null;
        }
    }

    private static final String QUEUED = "queued";

    private final PageSource pages;

    private final int pageSize;

    private final int maxPageNum;

    private int requests;

    public QueuedBacklogProbe(PageSource pages, int pageSize, int maxPageNum) {
        this.pages = pages;
        this.pageSize = pageSize;
        this.maxPageNum = maxPageNum;
    }

    /**
     * @param serviceTier the tier as the listings name it (null: the API's default tier)
     * @param stored every task of the tier the database holds as queued and not gone, whatever its age
     * @param floor the tier's incremental floor: every task created before it is stored (Unix seconds)
     */
    public Outcome probe(String serviceTier, List<StoredQueued> stored, long floor) {
        ListingFilter filter = new ListingFilter(QUEUED, null, List.of(), serviceTier);
        String tier = serviceTier == null ? "default" : serviceTier;
        int lastPage = pageOf(stored.size());
        TaskPageResponse tail = null;
        for (int attempt = 0; attempt < 2 && tail == null; attempt++) {
            if (lastPage > maxPageNum) {
                return notProven("the listing's last page is past page " + maxPageNum);
            }
            TaskPageResponse page = request(filter, lastPage);
            int actualLast = pageOf(page.total());
            if (actualLast == lastPage) {
                tail = page;
            }
            lastPage = actualLast;
        }
        if (tail == null) {
            return notProven("the listing's length kept changing");
        }
        PageItems tailItems = PageItems.of(tail.items(), tier);
        if (tailItems.invalid() != null) {
            return notProven(tailItems.invalid());
        }
        if (tailItems.size() != tail.total() - (long) (lastPage - 1) * pageSize) {
            return notProven("the last page holds " + tailItems.size() + " items, not what the total says (page size "
                    + "capped or page_num ignored)");
        }
        if (lastPage == 1) {
            // one answer shows the whole queue: whatever is not in it has left
            return proven(stored.stream().map(StoredQueued::id).filter(id -> !tailItems.idSet().contains(id)).toList());
        }
        TaskPageResponse head = request(filter, 1);
        PageItems headItems = PageItems.of(head.items(), tier);
        if (headItems.invalid() != null) {
            return notProven(headItems.invalid());
        }
        if (headItems.size() != Math.min(pageSize, head.total())) {
            return notProven("page 1 holds " + headItems.size() + " items (page size capped?)");
        }
        if (headItems.oldest() < tailItems.newest() || !Collections.disjoint(headItems.ids(), tailItems.idSet())) {
            return notProven("page 1 and the last page overlap or are out of order (page_num ignored or oldest first)");
        }
        if (headItems.size() < head.total() && headItems.oldest() >= floor) {
            return notProven("more queued tasks are new since the last run than one page holds");
        }
        Set<String> storedIds = new HashSet<>();
        stored.forEach(task -> storedIds.add(task.id()));
        for (PageItems page : List.of(headItems, tailItems)) {
            String unexpected = page.queuedButNotStored(storedIds, floor);
            if (unexpected != null) {
                return notProven("task " + unexpected + " is queued, older than the incremental floor and not stored "
                        + "as queued");
            }
        }
        long newOnes = headItems.ids().stream().filter(id -> !storedIds.contains(id)).count();
        long newest = tailItems.newest();
        long olderOnTail = tailItems.countCreatedBefore(newest);
        long storedNewer = stored.stream().filter(task -> task.createdAt() >= newest).count();
        long unaccounted = storedNewer - (head.total() - olderOnTail) + newOnes;
        if (unaccounted != 0) {
            return notProven(unaccounted > 0 ? "up to " + unaccounted + " of the newer stored queued tasks left"
                    : -unaccounted + " more queued tasks than the database accounts for");
        }
        return proven(stored.stream()
            .filter(task -> task.createdAt() < newest && !tailItems.idSet().contains(task.id()))
            .map(StoredQueued::id)
            .toList());
    }

    private TaskPageResponse request(ListingFilter filter, int pageNum) {
        requests++;
        return pages.page(filter, pageNum, pageSize);
    }

    private int pageOf(long count) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (count + pageSize - 1) / pageSize));
    }

    private Outcome proven(List<String> left) {
        return new Outcome(List.copyOf(left), null, requests);
    }

    private Outcome notProven(String why) {
        return new Outcome(List.of(), why, requests);
    }

    /** A page's ids and creation times in listing order, or why the page cannot serve the proof. */
    private record PageItems(List<String> ids, long[] created, Set<String> idSet, String invalid) {

        static PageItems of(List<JsonNode> items, String tier) {
            List<String> ids = new ArrayList<>(items.size());
            long[] created = new long[items.size()];
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String id = JsonText.of(item.get("id"));
                JsonNode createdAt = item.get("created_at");
                if (id == null || createdAt == null || !createdAt.canConvertToLong()) {
                    return invalid("an item without id or created_at");
                }
                if (!QUEUED.equals(JsonText.of(item.get("status")))) {
                    return invalid("the listing ignores filter.status");
                }
                if (!tier.equals(JsonText.of(item.get("service_tier")))) {
                    return invalid("items do not say they are of tier " + tier);
                }
                created[i] = createdAt.longValue();
                if (i > 0 && created[i] > created[i - 1]) {
                    return invalid("the page is not newest first");
                }
                ids.add(id);
            }
            return new PageItems(ids, created, new HashSet<>(ids), null);
        }

        private static PageItems invalid(String why) {
            return new PageItems(List.of(), new long[0], Set.of(), why);
        }

        int size() {
            return ids.size();
        }

        /** The first item created before {@code floor} that the database does not hold as queued, or null. */
        String queuedButNotStored(Set<String> storedIds, long floor) {
            for (int i = 0; i < ids.size(); i++) {
                if (created[i] < floor && !storedIds.contains(ids.get(i))) {
                    return ids.get(i);
                }
            }
            return null;
        }

        long countCreatedBefore(long epochSecond) {
            return Arrays.stream(created).filter(value -> value < epochSecond).count();
        }

        long newest() {
            return created.length == 0 ? Long.MIN_VALUE : created[0];
        }

        long oldest() {
            return created.length == 0 ? Long.MAX_VALUE : created[created.length - 1];
        }
    }
}

package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.arktasksync.client.BrokenPageException;
import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.client.UnparsedItem;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A page broken inside its items, read again in smaller pages until the fault is alone: no server needed. */
class BrokenPageIsolationTest {

    private static final ListingFilter FILTER = new ListingFilter(null, null, List.of(), "default");

    private static final ListingFilter SUCCEEDED = new ListingFilter("succeeded", null, List.of(), "default");

    /** The endpoints of {@link NarrowableListing}'s models m-a, m-b and m-c. */
    private static final List<String> ENDPOINTS = List.of("ep-a", "ep-b", "ep-c");

    @Test
    void shouldQuarantineTheItemAPageBrokeInAndReadTheRestOneByOne() {
        // given: 30 tasks; the one at offset 4 breaks every page that holds it
        PoisonedListing listing = new PoisonedListing(30, 4);

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 500).page(FILTER, 1, 10);

        // then: the page that was asked for, of the same length, the fault in its place
        assertThat(ids(page)).containsExactly("t0", "t1", "t2", "t3", null, "t5", "t6", "t7", "t8", "t9");
        assertThat(UnparsedItem.of(page.items().get(4)).taskId()).isEqualTo("t4");
        assertThat(page.itemDigests()).hasSize(10);
        assertThat(page.total()).isEqualTo(30);
        assertThat(listing.requests).containsExactly("1x10", "5x1", "6x1", "7x1", "8x1", "9x1", "10x1");
    }

    @Test
    void shouldPassAPageThatDoesNotBreakThrough() {
        PoisonedListing listing = new PoisonedListing(30, 4);

        TaskPageResponse page = new BrokenPageIsolation(listing, 500).page(FILTER, 2, 10);

        assertThat(ids(page)).hasSize(10).doesNotContainNull();
        assertThat(listing.requests).containsExactly("2x10");
    }

    @Test
    void shouldStopWhereTheListingEnds() {
        // given: the last page holds 7 tasks, the fourth of them breaks it
        PoisonedListing listing = new PoisonedListing(17, 13);

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 500).page(FILTER, 2, 10);

        // then: still a short page, so the reader still sees the end
        assertThat(ids(page)).containsExactly("t10", "t11", "t12", null, "t14", "t15", "t16");
        assertThat(listing.requests).containsExactly("2x10", "14x1", "15x1", "16x1", "17x1", "18x1");
    }

    @Test
    void shouldMarkWhatNoSmallerPageCanReachAsNotReadWithoutAnId() {
        // given: page_num stops at 10, so offsets 40..49 can be read in pages of 5 at the smallest
        PoisonedListing listing = new PoisonedListing(60, 43);

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10).page(FILTER, 5, 10);

        // then: the fault quarantined, its neighbour in the page of 5 unread (no id: the ledger flags it)
        assertThat(ids(page)).containsExactly("t40", "t41", "t42", null, null, "t45", "t46", "t47", "t48", "t49");
        assertThat(UnparsedItem.of(page.items().get(3)).taskId()).isEqualTo("t43");
        UnparsedItem unread = UnparsedItem.of(page.items().get(4));
        assertThat(unread.taskId()).isNull();
        assertThat(unread.reason()).startsWith("not read").contains("offset 44");
        assertThat(listing.requests).containsExactly("5x10", "9x5", "10x5");
    }

    @Test
    void shouldFindTheNeighboursNoSmallerPageReachesThroughStatusListings() {
        // given: page_num stops at 10, so offsets 40..49 are read in pages of 5 at the smallest; t41 breaks every
        // page that holds it, t42..t44 are its neighbours in that page of 5 (t44 in its own status listing)
        NarrowableListing listing = new NarrowableListing(60, 41, 10);

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10).page(FILTER, 5, 10);

        // then: only the bad item is lost; each neighbour comes from its status listing, with its digest
        assertThat(ids(page)).containsExactly("t40", null, "t42", "t43", "t44", "t45", "t46", "t47", "t48", "t49");
        assertThat(UnparsedItem.of(page.items().get(1)).taskId()).isEqualTo("t41");
        assertThat(page.itemDigests().get(3)).isEqualTo(NarrowableListing.digest("t43"));
        assertThat(listing.requests).anyMatch(request -> request.contains("status=succeeded"));
    }

    @Test
    void shouldKeepNotReadRejectsWhenTheRelayIgnoresTheStatusFilter() {
        // given: the same listing behind a relay that answers filter.status with the whole listing
        NarrowableListing listing = new NarrowableListing(60, 41, 10);
        listing.ignoreStatusFilter = true;

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10).page(FILTER, 5, 10);

        // then: the narrowed answer is not a subset, so nothing of it is taken: today's not-read rejects
        assertThat(ids(page)).containsExactly("t40", null, null, null, null, "t45", "t46", "t47", "t48", "t49");
        assertThat(UnparsedItem.of(page.items().get(2)).reason()).startsWith("not read");
    }

    @Test
    void shouldRejectAsNotReadOnlyTheNeighbourNoStatusListingHolds() {
        // given: t43 expired, a status the API cannot filter on
        NarrowableListing listing = new NarrowableListing(60, 41, 10);
        listing.expired = "t43";

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10).page(FILTER, 5, 10);

        // then: the two neighbours found are stored, one offset stays a not-read reject
        assertThat(ids(page)).containsExactly("t40", null, "t42", "t44", null, "t45", "t46", "t47", "t48", "t49");
        assertThat(UnparsedItem.of(page.items().get(4)).taskId()).isNull();
    }

    @Test
    void shouldFindAnExpiredNeighbourInTheListingOfItsEndpointWhenEndpointIdsAreConfigured() {
        // given: t43 expired, which no status listing returns; the account's endpoints are configured
        NarrowableListing listing = new NarrowableListing(60, 41, 10);
        listing.expired = "t43";

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10, ENDPOINTS).page(FILTER, 5, 10);

        // then: t43 came from the listing of its endpoint (filter.model=ep-b, no status filter); only the bad item
        // is lost
        assertThat(ids(page)).containsExactly("t40", null, "t42", "t43", "t44", "t45", "t46", "t47", "t48", "t49");
        assertThat(UnparsedItem.of(page.items().get(1)).taskId()).isEqualTo("t41");
        assertThat(page.itemDigests().get(3)).isEqualTo(NarrowableListing.digest("t43"));
        assertThat(listing.requests).anyMatch(request -> request.endsWith(",model=ep-b"));
    }

    @Test
    void shouldNotAskForEndpointListingsWhenTheStatusListingsFoundEveryNeighbour() {
        NarrowableListing listing = new NarrowableListing(60, 41, 10);

        TaskPageResponse page = new BrokenPageIsolation(listing, 10, ENDPOINTS).page(FILTER, 5, 10);

        assertThat(ids(page)).containsExactly("t40", null, "t42", "t43", "t44", "t45", "t46", "t47", "t48", "t49");
        assertThat(listing.requests).noneMatch(request -> request.contains("model="));
    }

    @Test
    void shouldFindTheNeighboursInAListingNarrowedByStatusThroughItsEndpointListings() {
        // given: the succeeded listing of a past-cap listing split by status (t1, t4, t7...: 60 tasks); page_num stops
        // at 10, so its positions 40..49 are read in pages of 5 at the smallest; t124 (position 41) breaks every page
        // that holds it and hides t127, t130 and t133 in its page of 5
        NarrowableListing listing = new NarrowableListing(180, 124, 10);

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10, ENDPOINTS).page(SUCCEEDED, 5, 10);

        // then: each neighbour came from the listing of its endpoint, the status filter kept
        assertThat(ids(page)).containsExactly("t121", null, "t127", "t130", "t133", "t136", "t139", "t142", "t145",
                "t148");
        assertThat(UnparsedItem.of(page.items().get(1)).taskId()).isEqualTo("t124");
        assertThat(listing.requests).anyMatch(request -> request.endsWith(",status=succeeded,model=ep-a"))
            .noneMatch(request -> request.contains("status=running"));
    }

    @Test
    void shouldKeepNotReadRejectsInAListingNarrowedByStatusWithoutEndpointIds() {
        NarrowableListing listing = new NarrowableListing(180, 124, 10);

        TaskPageResponse page = new BrokenPageIsolation(listing, 10).page(SUCCEEDED, 5, 10);

        assertThat(ids(page)).containsExactly("t121", null, null, null, null, "t136", "t139", "t142", "t145", "t148");
        assertThat(UnparsedItem.of(page.items().get(2)).reason()).startsWith("not read");
        assertThat(listing.requests).noneMatch(request -> request.contains("model="));
    }

    @Test
    void shouldKeepNotReadRejectsInAListingNarrowedByStatusWhenTheRelayIgnoresTheModelFilter() {
        // given: a relay that answers filter.model with the whole (status) listing
        NarrowableListing listing = new NarrowableListing(180, 124, 10);
        listing.ignoreModelFilter = true;

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10, ENDPOINTS).page(SUCCEEDED, 5, 10);

        // then: an endpoint listing holding two models is not in its filter: nothing of it is taken, and it is given
        // up before its window is read
        assertThat(ids(page)).containsExactly("t121", null, null, null, null, "t136", "t139", "t142", "t145", "t148");
        assertThat(UnparsedItem.of(page.items().get(2)).reason()).startsWith("not read");
        assertThat(listing.requests).doesNotContain("5x10,status=succeeded,model=ep-a")
            .noneMatch(request -> request.contains("model=ep-b"));
    }

    @Test
    void shouldKeepTheExpiredNeighbourANotReadRejectWhenTheRelayIgnoresTheModelFilter() {
        // given: t43 expired, behind a relay that answers filter.model with the whole listing
        NarrowableListing listing = new NarrowableListing(60, 41, 10);
        listing.expired = "t43";
        listing.ignoreModelFilter = true;

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10, ENDPOINTS).page(FILTER, 5, 10);

        // then: what the status listings found is kept; the endpoint listings are void (given up at the first, before
        // its window), so t43 is not read
        assertThat(ids(page)).containsExactly("t40", null, "t42", "t44", null, "t45", "t46", "t47", "t48", "t49");
        assertThat(UnparsedItem.of(page.items().get(4)).reason()).startsWith("not read");
        assertThat(listing.requests).doesNotContain("5x10,model=ep-a").noneMatch(request -> request.contains("ep-b"));
    }

    @Test
    void shouldKeepTheExpiredNeighbourANotReadRejectWhenTheOneEndpointListingHoldsTwoModels() {
        // given: one endpoint id configured, and a relay that ignores filter.model: no task is listed twice, but the
        // listing of one endpoint holds two models
        NarrowableListing listing = new NarrowableListing(60, 41, 10);
        listing.expired = "t43";
        listing.ignoreModelFilter = true;

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10, List.of("ep-b")).page(FILTER, 5, 10);

        // then
        assertThat(ids(page)).containsExactly("t40", null, "t42", "t44", null, "t45", "t46", "t47", "t48", "t49");
        assertThat(listing.requests).doesNotContain("5x10,model=ep-b");
    }

    @Test
    void shouldKeepTheExpiredNeighbourANotReadRejectWhenTheEndpointListingsShareTheirTasks() {
        // given: every task of one model, behind a relay that ignores filter.model: each endpoint listing holds one
        // model, but the same tasks are listed under both endpoint ids
        NarrowableListing listing = new NarrowableListing(60, 41, 10);
        listing.expired = "t43";
        listing.oneModel = true;
        listing.ignoreModelFilter = true;

        // when
        TaskPageResponse page = new BrokenPageIsolation(listing, 10, List.of("ep-a", "ep-b")).page(FILTER, 5, 10);

        // then: given up at the first page of the second endpoint listing
        assertThat(ids(page)).containsExactly("t40", null, "t42", "t44", null, "t45", "t46", "t47", "t48", "t49");
        assertThat(listing.requests).contains("1x10,model=ep-b").doesNotContain("2x10,model=ep-b", "5x10,model=ep-b");
    }

    private static List<String> ids(TaskPageResponse page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.items()) {
            ids.add(item.has("id") ? item.get("id").stringValue() : null);
        }
        return ids;
    }

    /** A listing of tasks t0, t1...; every page holding {@code poison} breaks there. */
    private static final class PoisonedListing implements PageSource {

        private final int size;

        private final int poison;

        private final List<String> requests = new ArrayList<>();

        PoisonedListing(int size, int poison) {
            this.size = size;
            this.poison = poison;
        }

        @Override
        public TaskPageResponse page(ListingFilter filter, int pageNum, int pageSize) {
            requests.add(pageNum + "x" + pageSize);
            List<JsonNode> items = new ArrayList<>();
            long first = (long) (pageNum - 1) * pageSize;
            for (long offset = first; offset < first + pageSize && offset < size; offset++) {
                if (offset == poison) {
                    List<UUID> digests = new ArrayList<>(Collections.nCopies(items.size(), (UUID) null));
                    throw new BrokenPageException("broken", true, items, digests, size,
                            new UnparsedItem("{\"id\":\"t" + offset + "\",\"x\":[}", "the page broke in this item",
                                    "t" + offset, -1));
                }
                items.add(JsonNodeFactory.instance.objectNode().put("id", "t" + offset));
            }
            return new TaskPageResponse(size, items);
        }
    }

    /**
     * Tasks t0, t1... newest first ({@code created_at} falling with the offset), of status failed, succeeded and
     * running in turn, of model m-a (even offsets) and m-b (odd), except {@code poison}, of model m-c alone (so that it
     * sits first in its endpoint's listing); {@code filter.status} honoured, {@code filter.model} taking endpoint ids
     * (ep-a for m-a...), offsets counted within the filtered listing; every page holding {@code poison} breaks there,
     * in whichever listing.
     */
    private static final class NarrowableListing implements PageSource {

        private final int size;

        private final int poison;

        private final int maxPageNum;

        private final List<String> requests = new ArrayList<>();

        private boolean ignoreStatusFilter;

        private boolean ignoreModelFilter;

        /** Every task of model m-a, the bad item too. */
        private boolean oneModel;

        private String expired;

        NarrowableListing(int size, int poison, int maxPageNum) {
            this.size = size;
            this.poison = poison;
            this.maxPageNum = maxPageNum;
        }

        static UUID digest(String id) {
            return UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        private String status(int offset) {
            if (("t" + offset).equals(expired)) {
                return "expired";
            }
            return List.of("failed", "succeeded", "running").get(offset % 3);
        }

        private String model(int offset) {
            if (oneModel) {
                return "m-a";
            }
            return offset == poison ? "m-c" : offset % 2 == 0 ? "m-a" : "m-b";
        }

        @Override
        public TaskPageResponse page(ListingFilter filter, int pageNum, int pageSize) {
            requests.add(pageNum + "x" + pageSize + (filter.status() == null ? "" : ",status=" + filter.status())
                    + (filter.model() == null ? "" : ",model=" + filter.model()));
            assertThat(pageNum).isLessThanOrEqualTo(maxPageNum);
            List<Integer> listed = new ArrayList<>();
            for (int offset = 0; offset < size; offset++) {
                boolean statusMatches = ignoreStatusFilter || filter.status() == null
                        || filter.status().equals(status(offset));
                boolean modelMatches = ignoreModelFilter || filter.model() == null
                        || filter.model().equals("ep-" + model(offset).substring(2));
                if (statusMatches && modelMatches) {
                    listed.add(offset);
                }
            }
            List<JsonNode> items = new ArrayList<>();
            List<UUID> digests = new ArrayList<>();
            int first = (pageNum - 1) * pageSize;
            for (int i = first; i < first + pageSize && i < listed.size(); i++) {
                int offset = listed.get(i);
                if (offset == poison) {
                    throw new BrokenPageException("broken", true, items, digests, listed.size(),
                            new UnparsedItem("{\"id\":\"t" + offset + "\",\"x\":[}", "the page broke in this item",
                                    "t" + offset, -1));
                }
                items.add(JsonNodeFactory.instance.objectNode().put("id", "t" + offset).put("status", status(offset))
                    .put("model", model(offset))
                    .put("created_at", 1_000_000L - 10L * offset));
                digests.add(digest("t" + offset));
            }
            return new TaskPageResponse(listed.size(), items, digests);
        }
    }
}

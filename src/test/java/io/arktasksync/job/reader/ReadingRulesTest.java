package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import io.arktasksync.client.TaskPageResponse;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.mapping.RawTaskItem;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The reader over an in-memory upstream ({@link FakeListing}): every upstream behaviour the reader must survive, and
 * what it then claims. No sockets, no prefetch threads (the executor runs inline).
 */
class ReadingRulesTest {

    private static final ListingSlice TIER = new ListingSlice(null, null, List.of(), "default");

    private final SyncRunStatistics statistics = new SyncRunStatistics();

    @Test
    void shouldLearnAPageCapOnPageOneAndReadEveryTask() throws Exception {
        // given a relay that serves at most 100 items a page, whatever page_size says
        FakeListing relay = new FakeListing().add("cgt-", 1200).cappedAt(100);

        // when
        List<String> read = ids(readAll(relay, TIER, 500, 500));

        // then
        assertThat(read).containsExactlyElementsOf(relay.ids());
        assertThat(relay.requests()).startsWith("tier=default page 1x500", "tier=default page 2x100")
            .contains("tier=default page 12x100");
        assertThat(statistics.reconciled()).isTrue();
    }

    @Test
    void shouldLearnAPageCapOnALaterPage() throws Exception {
        // given an upstream that starts capping at 100 from its third request on (a relay switched in)
        FakeListing relay = new FakeListing().add("cgt-", 1200);
        relay.beforeEachRequest(listing -> {
            if (listing.requests().size() == 3) {
                listing.cappedAt(100);
            }
        });

        // when
        List<String> read = ids(readAll(relay, TIER, 300, 500));

        // then pages 1-2 of 300, page 3 capped (offsets 200-299, already read), then on from offset 600
        assertThat(read).containsAll(relay.ids()).hasSize(1200 + 100);
        assertThat(relay.requests()).contains("tier=default page 3x300", "tier=default page 7x100");
        assertThat(statistics.reconciled()).isTrue();
    }

    @Test
    void shouldNeverReconcileAListingWhoseUpstreamIgnoresPageNumButReachMoreByStatus() throws Exception {
        // given 4 statuses of 300 tasks each, pages of 500, an upstream that always answers page 1
        FakeListing relay = new FakeListing().ignoringPageNum();
        for (String status : List.of("queued", "running", "succeeded", "failed")) {
            relay.add("cgt-" + status.charAt(0), 300, status, "m-1");
        }

        // when
        List<String> read = ids(readAll(relay, TIER, 500, 500));

        // then every task is reached through the status listings, and still the tier listing is not reconciled
        assertThat(read).containsAll(relay.ids());
        assertThat(statistics.ledger("tier=default").pageNumWasIgnored()).isTrue();
        assertThat(statistics.ledger("tier=default").reconciled()).isFalse();
        assertThat(statistics.ledger("tier=default,status=queued").reconciled()).isTrue();
        assertThat(statistics.reconciled()).isFalse();
    }

    @Test
    void shouldReadAnOldestFirstListingWholeInAnIncrementalRun() throws Exception {
        // given 100 tasks listed oldest first, of which the 40 newest are not stored yet
        FakeListing api = new FakeListing().add("cgt-", 100).oldestFirst();
        long newestStored = 1_700_000_000L + 59;
        ListingSlice head = TIER.withCreatedFrom(newestStored);

        // when
        List<String> read = ids(readAll(api, head, 20, 500));

        // then the floor is ignored: the new tasks are at the end
        assertThat(read).containsExactlyElementsOf(api.ids());
        assertThat(statistics.ledger(head.label()).note()).contains("oldest first");
    }

    @Test
    void shouldStopAnIncrementalNewestFirstListingAtItsFloor() throws Exception {
        // given
        FakeListing api = new FakeListing().add("cgt-", 100);
        ListingSlice head = TIER.withCreatedFrom(1_700_000_000L + 90);

        // when
        readAll(api, head, 20, 500);

        // then page 1 holds tasks 99..80, already below the floor
        assertThat(api.requests()).containsExactly("tier=default page 1x20");
    }

    @Test
    void shouldReadEveryTaskWhileTheTotalGrows() throws Exception {
        // given a task added at the head before every request
        FakeListing api = new FakeListing().add("cgt-", 50);
        List<String> before = api.ids();
        int[] added = { 0 };
        api.beforeEachRequest(listing -> listing.add("new-" + added[0]++ + "-", 1));

        // when
        List<String> read = ids(readAll(api, TIER, 10, 500));

        // then
        assertThat(read).containsAll(before);
        assertThat(statistics.reconciled()).isTrue();
    }

    @Test
    void shouldReadNothingFromAnEmptyListingWithOneRequest() throws Exception {
        FakeListing api = new FakeListing();

        assertThat(readAll(api, TIER, 10, 500)).isEmpty();
        assertThat(api.requests()).hasSize(1);
        assertThat(statistics.reconciled()).isTrue();
    }

    @Test
    void shouldSpendOneEmptyRequestWhenTheListingEndsOnAPageBoundary() throws Exception {
        FakeListing api = new FakeListing().add("cgt-", 6);

        assertThat(ids(readAll(api, TIER, 3, 500))).containsExactlyElementsOf(api.ids());
        assertThat(api.requests()).containsExactly("tier=default page 1x3", "tier=default page 2x3",
                "tier=default page 3x3");
        assertThat(statistics.reconciled()).isTrue();
    }

    @Test
    void shouldFlagTheListingWhenTheRepairBudgetIsSpent() throws Exception {
        // given an upstream deleting 3 random tasks before every request, for ever
        FakeListing api = new FakeListing().add("cgt-", 400);
        Random random = new Random(7);
        api.beforeEachRequest(listing -> {
            for (int i = 0; i < 3; i++) {
                List<String> ids = listing.ids();
                listing.remove(ids.get(random.nextInt(ids.size())));
            }
        });

        // when
        readAll(api, TIER, 10, 500);

        // then
        SliceLedger ledger = statistics.ledger("tier=default");
        assertThat(ledger.totalDrops()).isPositive();
        assertThat(ledger.reconciled()).isFalse();
        assertThat(ledger.note()).contains("re-read budget spent");
        assertThat(statistics.reconciled()).isFalse();
    }

    @Test
    void shouldConvergeUnderChurnOnEveryRequestByOverlappingTheFrontier() throws Exception {
        // given 3,000 tasks; before every request 1 task arrives at the head and 3 random ones are deleted
        FakeListing api = new FakeListing().add("cgt-", 3_000);
        List<String> initial = api.ids();
        List<String> deleted = new ArrayList<>();
        Random random = new Random(3);
        int[] added = { 0 };
        api.beforeEachRequest(listing -> {
            listing.add("new-" + added[0]++ + "-", 1);
            for (int i = 0; i < 3; i++) {
                List<String> ids = listing.ids();
                String victim = ids.get(random.nextInt(ids.size()));
                listing.remove(victim);
                deleted.add(victim);
            }
        });

        // when
        List<String> read = ids(readAll(api, TIER, 100, 500));

        // then every task that lived through the run was read, and the ledger can say so
        List<String> survivors = new ArrayList<>(initial);
        survivors.removeAll(deleted);
        assertThat(read).containsAll(survivors);
        SliceLedger ledger = statistics.ledger("tier=default");
        assertThat(ledger.totalDrops()).isPositive();
        assertThat(ledger.reconciled()).as(ledger.note()).isTrue();
    }

    @Test
    void shouldEndAndFlagTheListingWhenDropsOutrunWhatOverlappingCanCover() throws Exception {
        // given pages of 100 and 40 random tasks deleted before every request: more than a window can overlap
        FakeListing api = new FakeListing().add("cgt-", 2_000);
        Random random = new Random(5);
        api.beforeEachRequest(listing -> {
            for (int i = 0; i < 40; i++) {
                List<String> ids = listing.ids();
                if (!ids.isEmpty()) {
                    listing.remove(ids.get(random.nextInt(ids.size())));
                }
            }
        });

        // when
        readAll(api, TIER, 100, 500);

        // then it ended (drain bounds it), and says it may have missed tasks
        assertThat(statistics.ledger("tier=default").note()).contains("re-read budget spent");
        assertThat(statistics.reconciled()).isFalse();
    }

    @Test
    void shouldReadAListingTheFollowUpCoversOnceWithoutRepairOrFlag() throws Exception {
        // given a queued listing draining by 40 tasks before every request (more than overlapping can cover), whose
        // skipped tasks the follow-up asks for by id
        FakeListing api = new FakeListing().add("q-", 2_000, "queued", "m-1");
        api.beforeEachRequest(listing -> listing.ids().stream().limit(40).toList().forEach(listing::remove));
        List<String> followedUp = new ArrayList<>();
        FollowUpListings byId = new FollowUpListings() {
            @Override
            public List<ListingSlice> after(Predicate<String> seen, List<ListingSlice> read) {
                followedUp.add(read.get(0).label());
                return List.of();
            }

            @Override
            public boolean covers(ListingSlice listing) {
                return "queued".equals(listing.status());
            }
        };
        ListingSlice queued = TIER.withStatus("queued");
        TaskPageReader reader = new TaskPageReader(api, List.of(queued),
                new TaskPageReader.Settings(100, 500, 0, List.of()), statistics, Runnable::run, List::of,
                PageProgress.NONE, byId, new IdSet());

        // when
        reader.open(new ExecutionContext());
        drain(reader);
        reader.close();

        // then: forward pages only, the listing reconciled, the follow-up asked
        assertThat(api.requests()).allMatch(request -> request.startsWith("tier=default,status=queued page "))
            .doesNotHaveDuplicates();
        assertThat(statistics.ledger(queued.label()).pagesReread()).isZero();
        assertThat(statistics.ledger(queued.label()).reconciled()).isTrue();
        assertThat(statistics.reconciled()).isTrue();
        assertThat(followedUp).containsExactly(queued.label());
    }

    @Test
    void shouldNotReconcileAListingReadToItsEndThatShowedFewerIdsThanItsTotal() throws Exception {
        // given an upstream claiming 30 tasks whose second page is empty
        FakeListing tasks = new FakeListing().add("cgt-", 10);
        PageSource liar = (filter, pageNum, pageSize) -> {
            TaskPageResponse page = tasks.page(filter, pageNum, pageSize);
            return new TaskPageResponse(30, pageNum == 1 ? page.items() : List.of());
        };

        // when
        readAll(liar, TIER, 10, 500);

        // then
        assertThat(statistics.ledger("tier=default").shortfall()).isEqualTo(20);
        assertThat(statistics.reconciled()).isFalse();
    }

    @Test
    void shouldNarrowByConfiguredEndpointIdsWhenModelNamesReturnNothing() throws Exception {
        // given filter.model taking endpoint ids only, and a status listing too big to page through
        FakeListing api = new FakeListing().add("cgt-a", 15, "succeeded", "m-1").add("cgt-b", 15, "succeeded", "m-2")
            .modelFilterTakesEndpoints(Map.of("ep-1", "m-1", "ep-2", "m-2"));

        // when
        List<String> read = ids(readAll(api, TIER, 5, 4, List.of("ep-1", "ep-2"), List.of("m-1")));

        // then
        assertThat(read).containsAll(api.ids());
        assertThat(statistics.ledger("tier=default,status=succeeded,model=m-1").note()).contains("returned nothing");
        assertThat(statistics.ledger("tier=default,status=succeeded,model=ep-1").totalAtStart()).isEqualTo(15);
        assertThat(statistics.outOfReach()).isZero();
        assertThat(statistics.reconciled()).isTrue();
    }

    @Test
    void shouldCountTasksOutOfReachWithoutEndpointIds() throws Exception {
        // given the same upstream, no endpoint ids configured
        FakeListing api = new FakeListing().add("cgt-a", 15, "succeeded", "m-1").add("cgt-b", 15, "succeeded", "m-2")
            .modelFilterTakesEndpoints(Map.of("ep-1", "m-1", "ep-2", "m-2"));

        // when
        readAll(api, TIER, 5, 4, List.of(), List.of("m-1"));

        // then the model-name listings return nothing: the status listing's tasks past its 20 reachable ones (an upper
        // bound is counted, never fewer) stay out of reach
        assertThat(statistics.outOfReach()).isGreaterThanOrEqualTo(10);
        assertThat(statistics.reconciled()).isFalse();
    }

    @Test
    void shouldResumeInTheMiddleOfARepairWithACappedPageSize() throws Exception {
        // given a capped relay and a first run that read two chunks, then two tasks of its first page deleted
        FakeListing relay = new FakeListing().add("cgt-", 40).cappedAt(5);
        List<String> all = relay.ids();
        ExecutionContext context = new ExecutionContext();
        TaskPageReader first = reader(relay, TIER, 10, 500, List.of(), List.of(), statistics);
        first.open(context);
        List<String> read = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            for (int i = 0; i < 5; i++) {
                read.add(first.read().item().get("id").stringValue());
            }
            first.update(context);
        }
        first.close();
        relay.remove(all.get(0));
        relay.remove(all.get(1));

        // when
        TaskPageReader resumed = reader(relay, TIER, 10, 500, List.of(), List.of(), new SyncRunStatistics());
        resumed.open(context);
        read.addAll(ids(drain(resumed)));
        resumed.close();

        // then the page size survived the restart, and the drop was repaired
        assertThat(context.getInt("taskPageReader." + CheckpointCodec.PAGE_SIZE_KEY)).isEqualTo(5);
        assertThat(read).containsAll(all.subList(2, 40));
    }

    // ---------------------------------------------------------------- helpers

    private List<RawTaskItem> readAll(PageSource source, ListingSlice listing, int pageSize, int maxPageNum)
            throws Exception {
        return readAll(source, listing, pageSize, maxPageNum, List.of(), List.of());
    }

    private List<RawTaskItem> readAll(PageSource source, ListingSlice listing, int pageSize, int maxPageNum,
            List<String> endpointIds, Collection<String> storedModels) throws Exception {
        TaskPageReader reader = reader(source, listing, pageSize, maxPageNum, endpointIds, storedModels, statistics);
        reader.open(new ExecutionContext());
        List<RawTaskItem> items = drain(reader);
        reader.close();
        return items;
    }

    private static TaskPageReader reader(PageSource source, ListingSlice listing, int pageSize, int maxPageNum,
            List<String> endpointIds, Collection<String> storedModels, SyncRunStatistics runStatistics) {
        return new TaskPageReader(source, List.of(listing),
                new TaskPageReader.Settings(pageSize, maxPageNum, 0, endpointIds), runStatistics, Runnable::run,
                () -> storedModels, PageProgress.NONE);
    }

    private static List<RawTaskItem> drain(TaskPageReader reader) throws Exception {
        List<RawTaskItem> items = new ArrayList<>();
        for (RawTaskItem item = reader.read(); item != null; item = reader.read()) {
            items.add(item);
            assertThat(items).as("the reader must end").hasSizeLessThan(100_000);
        }
        return items;
    }

    private static List<String> ids(List<RawTaskItem> items) {
        return items.stream().map(item -> item.item().get("id").stringValue()).toList();
    }
}

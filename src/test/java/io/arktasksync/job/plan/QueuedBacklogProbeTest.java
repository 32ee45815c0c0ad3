package io.arktasksync.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.arktasksync.job.plan.QueuedBacklogProbe.Outcome;
import io.arktasksync.job.plan.QueuedBacklogProbe.StoredQueued;
import io.arktasksync.job.reader.FakeListing;
import org.junit.jupiter.api.Test;

/** The count proof over an in-memory listing: 2,000 queued tasks at 100 a page, the stored state taken before. */
class QueuedBacklogProbeTest {

    private static final int PAGE = 100;

    private final FakeListing listing = new FakeListing().add("done-", 300, "succeeded", "m-1")
        .add("q-", 2_000, "queued", "m-1");

    /** What the last run stored as queued, and a floor above every stored task: nothing new yet. */
    private final List<StoredQueued> stored = storedQueued();

    private final long floor = listing.tasks().get(0).createdAt() + 1;

    @Test
    void shouldAskOnlyForTheOldestWhenTheQueueDrainedFromItsOldEnd() {
        List<String> left = oldestQueued(150);
        left.forEach(id -> listing.setStatus(id, "running"));

        Outcome outcome = probe();

        assertThat(outcome.whyNot()).isNull();
        assertThat(outcome.left()).containsExactlyInAnyOrderElementsOf(left);
        // the guess from the stored count (page 20) is no longer the last page (19): one more request
        assertThat(outcome.requests()).isEqualTo(3);
    }

    @Test
    void shouldProveNothingLeftInTwoRequests() {
        Outcome outcome = probe();

        assertThat(outcome.proven()).isTrue();
        assertThat(outcome.left()).isEmpty();
        assertThat(outcome.requests()).isEqualTo(2);
        assertThat(listing.requests()).containsExactly("tier=(api default),status=queued page 20x100",
                "tier=(api default),status=queued page 1x100");
    }

    @Test
    void shouldCountNewQueuedTasksAtTheHead() {
        listing.add("new-", 30, "queued", "m-1");
        List<String> left = oldestQueued(40);
        left.forEach(listing::remove);

        Outcome outcome = probe();

        assertThat(outcome.whyNot()).isNull();
        assertThat(outcome.left()).containsExactlyInAnyOrderElementsOf(left);
    }

    @Test
    void shouldNotProveAnythingWhenATaskLeftTheMiddleOfTheQueue() {
        listing.setStatus("q-1000", "cancelled");

        assertThat(probe().whyNot()).isEqualTo("up to 1 of the newer stored queued tasks left");
    }

    @Test
    void shouldNotProveAnythingWhenTheOldEndDrainsBetweenTheTwoRequests() {
        listing.beforeEachRequest(fake -> fake.tasks().stream()
            .filter(task -> task.status().equals("queued")).reduce((newer, older) -> older)
            .ifPresent(oldest -> fake.setStatus(oldest.id(), "running")));

        assertThat(probe().whyNot()).startsWith("up to 1 ");
    }

    @Test
    void shouldNotProveAnythingWhenMoreTasksAreNewThanOnePageHolds() {
        listing.add("new-", PAGE + 1, "queued", "m-1");

        assertThat(probe().whyNot()).isEqualTo("more queued tasks are new since the last run than one page holds");
    }

    @Test
    void shouldNotProveAnythingWhenAnOldQueuedTaskIsNotStoredAsQueued() {
        Outcome outcome = new QueuedBacklogProbe(listing, PAGE, 500).probe(null,
                stored.stream().filter(task -> !task.id().equals("q-1999")).toList(), floor);

        assertThat(outcome.whyNot()).contains("q-1999 is queued, older than the incremental floor");
    }

    @Test
    void shouldNotProveAnythingWhenTheListingHoldsMoreThanTheDatabaseAccountsFor() {
        // a queued task the last runs never stored, in the middle of the listing: the count is one too high
        Outcome outcome = new QueuedBacklogProbe(listing, PAGE, 500).probe(null,
                stored.stream().filter(task -> !task.id().equals("q-1000")).toList(), floor);

        assertThat(outcome.whyNot()).isEqualTo("1 more queued tasks than the database accounts for");
    }

    @Test
    void shouldNotProveAnythingThroughARelayThatCapsThePageSize() {
        listing.cappedAt(50);

        assertThat(probe().proven()).isFalse();
    }

    @Test
    void shouldNotProveAnythingThroughARelayThatIgnoresPageNum() {
        listing.ignoringPageNum();

        assertThat(probe().proven()).isFalse();
    }

    @Test
    void shouldNotProveAnythingFromAListingOldestFirst() {
        listing.oldestFirst();

        assertThat(probe().whyNot()).isEqualTo("the page is not newest first");
    }

    @Test
    void shouldNotReachPastThePageLimit() {
        Outcome outcome = new QueuedBacklogProbe(listing, PAGE, 10).probe(null, stored, floor);

        assertThat(outcome.whyNot()).isEqualTo("the listing's last page is past page 10");
        assertThat(outcome.requests()).isZero();
    }

    @Test
    void shouldReadAQueueOfOnePageWholeAndAskForWhatIsNotInIt() {
        FakeListing small = new FakeListing().add("q-", 80, "queued", "m-1");
        List<StoredQueued> smallStored = small.tasks().stream()
            .map(task -> new StoredQueued(task.id(), task.createdAt())).toList();
        small.setStatus("q-040", "succeeded");
        small.remove("q-079");

        Outcome outcome = new QueuedBacklogProbe(small, PAGE, 500).probe(null, smallStored, floor);

        assertThat(outcome.whyNot()).isNull();
        assertThat(outcome.left()).containsExactlyInAnyOrder("q-040", "q-079");
        assertThat(outcome.requests()).isEqualTo(1);
    }

    private Outcome probe() {
        return new QueuedBacklogProbe(listing, PAGE, 500).probe(null, stored, floor);
    }

    private List<StoredQueued> storedQueued() {
        return listing.tasks().stream().filter(task -> task.status().equals("queued"))
            .map(task -> new StoredQueued(task.id(), task.createdAt())).toList();
    }

    /** The {@code count} oldest queued tasks. */
    private List<String> oldestQueued(int count) {
        List<String> queued = listing.tasks().stream().filter(task -> task.status().equals("queued"))
            .map(FakeListing.Task::id).toList();
        return List.copyOf(queued.subList(queued.size() - count, queued.size()));
    }
}

package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.job.reader.ListingQueue.Position;
import org.junit.jupiter.api.Test;

class ListingQueueTest {

    private static final ListingSlice DEFAULT = new ListingSlice(null, null, List.of(), "default");

    private static final ListingSlice QUEUED = new ListingSlice("queued", null, List.of(), "default");

    private static final ListingSlice BY_ID = new ListingSlice(null, null, List.of("t-1"), "default");

    private final SyncRunStatistics statistics = new SyncRunStatistics();

    private final List<List<ListingSlice>> followUpCalls = new ArrayList<>();

    private final ListingQueue queue = new ListingQueue(List.of(DEFAULT, QUEUED), 10, 500,
            new CapNarrowing(List::of, List.of()), statistics, (seen, read) -> {
                followUpCalls.add(read);
                return List.of(BY_ID);
            });

    @Test
    void shouldSaveAgainTheCheckpointItResumedFrom() {
        // given
        ReaderCheckpoint checkpoint = new ReaderCheckpoint(List.of(DEFAULT, QUEUED), 1, 3, 10, 50, List.of(2),
                List.of());

        // when
        queue.restore(checkpoint);

        // then
        assertThat(queue.index()).isEqualTo(1);
        assertThat(queue.listing()).isEqualTo(QUEUED);
        assertThat(queue.checkpoint(new Position(1, 3, 10))).isEqualTo(checkpoint);
    }

    @Test
    void shouldSaveNoRepairStateForARestartInAnEarlierListing() {
        // given
        queue.restore(new ReaderCheckpoint(List.of(DEFAULT, QUEUED), 1, 3, 10, 50, List.of(2), List.of()));

        // when
        ReaderCheckpoint checkpoint = queue.checkpoint(new Position(0, 4, 10));

        // then
        assertThat(checkpoint).isEqualTo(
                new ReaderCheckpoint(List.of(DEFAULT, QUEUED), 0, 4, 10, -1, List.of(), List.of()));
    }

    @Test
    void shouldAskForFollowUpListingsOnceAfterTheLast() {
        // given
        queue.finish(statistics.ledger(DEFAULT.label()));
        queue.finish(statistics.ledger(QUEUED.label()));
        assertThat(queue.hasListing()).isFalse();

        // when
        List<ListingSlice> more = queue.followUp(id -> false);

        // then
        assertThat(more).containsExactly(BY_ID);
        assertThat(queue.hasListing()).isTrue();
        assertThat(queue.listing()).isEqualTo(BY_ID);
        assertThat(queue.listings()).containsExactly(DEFAULT, QUEUED, BY_ID);
        queue.finish(statistics.ledger(BY_ID.label()));
        assertThat(queue.followUp(id -> false)).isEmpty();
        assertThat(followUpCalls).containsExactly(List.of(DEFAULT, QUEUED));
    }
}

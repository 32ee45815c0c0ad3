package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bar follows the run's statistics page by page. Its state is read directly and its output after
 * {@code close()}, which draws the final state before it returns: nothing here waits for the redrawing thread.
 */
class TerminalProgressBarTest {

    private final SyncRunStatistics statistics = new SyncRunStatistics();

    private final RecordingConsumer output = new RecordingConsumer();

    private final TerminalProgressBar bar = new TerminalProgressBar(statistics, output);

    @AfterEach
    void closeBar() {
        bar.close();
    }

    @Test
    void shouldHaveNoTotalBeforeAnyListingReportedOne() {
        // given
        statistics.pageRead(500);

        // when
        bar.pageRead();

        // then
        assertThat(bar.current()).isEqualTo(500);
        assertThat(bar.indefinite()).isTrue();
    }

    @Test
    void shouldCountTasksReadAgainstTheListingsTotals() {
        // given: two tiers of 1,000 and 200 tasks, two pages read
        firstPageOf("tier=default", 1_000);
        firstPageOf("tier=flex", 200);
        statistics.pageRead(500);
        statistics.pageRead(500);

        // when
        bar.pageRead();

        // then
        assertThat(bar.indefinite()).isFalse();
        assertThat(bar.current()).isEqualTo(1_000);
        assertThat(bar.max()).isEqualTo(1_200);
    }

    @Test
    void shouldEndFullWhenReadingEndsBelowTheTotalsAsAnIncrementalRunDoes() {
        // given: an incremental run reads the newest 400 of 50,000 tasks
        firstPageOf("tier=default", 50_000);
        statistics.pageRead(400);
        bar.pageRead();

        // when
        bar.readingFinished();

        // then
        assertThat(bar.max()).isEqualTo(400);
        assertThat(output.last()).contains("100%").contains("400/400").contains("tasks").contains("page 1");
    }

    @Test
    void shouldDrawTheFinalStateWhenClosed() {
        // given
        firstPageOf("tier=default", 1_000);
        statistics.pageRead(500);
        bar.pageRead();

        // when
        bar.close();

        // then
        assertThat(output.last()).startsWith("Syncing").contains("50%").contains("500/1000");
    }

    @Test
    void shouldDrawTheFinalStateOnlyOnceWhenClosedTwice() {
        // given: a step that closes its reader twice
        statistics.pageRead(500);
        bar.pageRead();
        bar.close();
        int drawnAfterFirstClose = output.count();

        // when
        bar.close();

        // then
        assertThat(output.count()).isEqualTo(drawnAfterFirstClose);
    }

    private void firstPageOf(String listing, long total) {
        statistics.rootListing(listing);
        statistics.ledger(listing).totalSeen(total);
    }

    /** What the bar draws, each redraw one string. */
    private static final class RecordingConsumer implements ProgressBarConsumer {

        private final List<String> drawn = Collections.synchronizedList(new ArrayList<>());

        @Override
        public int getMaxRenderedLength() {
            return 150;
        }

        @Override
        public void accept(String rendered) {
            drawn.add(rendered);
        }

        @Override
        public void close() {
        }

        int count() {
            return drawn.size();
        }

        String last() {
            assertThat(drawn).as("the bar drew something").isNotEmpty();
            return drawn.get(drawn.size() - 1);
        }
    }
}

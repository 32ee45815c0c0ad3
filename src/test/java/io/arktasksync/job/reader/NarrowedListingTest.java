package io.arktasksync.job.reader;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NarrowedListingTest {

    @Test
    void shouldCountWhatNeitherItsPagesNorItsNarrowerListingsCover() {
        // given a listing of 100 tasks split into two narrower listings
        NarrowedListing narrowed = new NarrowedListing(0, "status", Set.of("succeeded", "failed"), List.of(1, 2), 100);

        // when they list 60 and 30, and its own pages showed 4 tasks of neither status
        narrowed.listingTotalSeen(1, 60);
        narrowed.listingTotalSeen(2, 30);
        narrowed.listingTotalSeen(3, 1_000);
        narrowed.uncoveredOnPage(1, 3);
        narrowed.uncoveredOnPage(2, 1);

        // then 6 can be reached by no listing
        assertThat(narrowed.outOfReach()).isEqualTo(6);
    }

    @Test
    void shouldReplaceAPageCountWhenThePageIsReadAgainAndAddWhatRepairsFind() {
        // given
        NarrowedListing narrowed = new NarrowedListing(0, "status", Set.of("succeeded"), List.of(1), 10);
        narrowed.listingTotalSeen(1, 5);
        narrowed.uncoveredOnPage(1, 2);

        // when page 1 is read again after a restart, and a repair re-read of it finds one more
        narrowed.uncoveredOnPage(1, 2);
        narrowed.uncoveredRepaired(1, 1);

        // then
        assertThat(narrowed.outOfReach()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheFirstTotalOfANarrowerListing() {
        // given
        NarrowedListing narrowed = new NarrowedListing(0, "model", Set.of("m"), List.of(1), 10);

        // when
        narrowed.listingTotalSeen(1, 7);
        narrowed.listingTotalSeen(1, 3);

        // then
        assertThat(narrowed.outOfReach()).isEqualTo(3);
    }

    @Test
    void shouldSurviveEncodingWithSeparatorsInsideValues() {
        // given model names holding the encoding's separators, and a narrower listing not read yet
        Set<String> models = new LinkedHashSet<>(List.of("a,b", "tab\there", "colon:x", "ünï"));
        NarrowedListing narrowed = new NarrowedListing(4, "model", models, List.of(5, 6, 7, 8), 1_000);
        narrowed.listingTotalSeen(5, 100);
        narrowed.listingTotalSeen(6, 200);
        narrowed.uncoveredOnPage(3, 9);

        // when
        String line = narrowed.encode();
        NarrowedListing decoded = NarrowedListing.decode(line);

        // then
        assertThat(line).doesNotContain("\n");
        assertThat(decoded.encode()).isEqualTo(line);
        assertThat(decoded.listing()).isEqualTo(4);
        assertThat(decoded.field()).isEqualTo("model");
        assertThat(models).allSatisfy(model -> assertThat(decoded.covers(model)).isTrue());
        assertThat(decoded.covers("a")).isFalse();
        assertThat(decoded.covers(null)).isFalse();
        assertThat(decoded.outOfReach()).isEqualTo(1_000 - 300 - 9);
    }
}

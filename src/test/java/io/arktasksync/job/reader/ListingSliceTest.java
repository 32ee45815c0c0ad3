package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ListingSliceTest {

    @Test
    void shouldSurviveTheRestartEncodingWithSeparatorsInsideValues() {
        // given
        ListingSlice slice = new ListingSlice("running", "model\twith,odd chars", List.of("cgt-1", "cgt,2"), "flex",
                1_764_000_000L);

        // when
        ListingSlice decoded = ListingSlice.decode(slice.encode());

        // then
        assertThat(decoded).isEqualTo(slice);
        assertThat(decoded.encode().lines()).hasSize(1);
    }

    @Test
    void shouldDecodeAnEmptyListingAsNoFilters() {
        // given
        ListingSlice plain = new ListingSlice(null, null, List.of(), null);

        // then
        assertThat(ListingSlice.decode(plain.encode())).isEqualTo(plain);
        assertThat(plain.withStatus("queued").withModel("m").withCreatedFrom(5L))
            .isEqualTo(new ListingSlice("queued", "m", List.of(), null, 5L));
    }
}

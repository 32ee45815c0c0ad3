package io.arktasksync.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import io.arktasksync.job.reader.ListingSlice;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.ServiceTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListingPlanTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "  " })
    void shouldListBothTiersWhenNoTierIsConfigured(String tier) {
        // given
        AccountSettings.Filter filter = new AccountSettings.Filter(null, null, null, ServiceTier.parse(tier));

        // when
        List<ListingSlice> slices = ListingPlan.slices(filter);

        // then
        assertThat(slices).containsExactly(new ListingSlice(null, null, List.of(), "default"),
                new ListingSlice(null, null, List.of(), "flex"));
    }

    @Test
    void shouldListOnlyTheConfiguredTier() {
        // given (" flex " never gets here: the settings check refuses it, as it always did)
        AccountSettings.Filter filter = new AccountSettings.Filter(null, null, List.of(), ServiceTier.FLEX);

        // when
        List<ListingSlice> slices = ListingPlan.slices(filter);

        // then
        assertThat(slices).singleElement().extracting(ListingSlice::serviceTier).isEqualTo("flex");
    }

    @Test
    void shouldBatchTaskIdsByOneHundredPerTier() {
        // given 250 ids
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> String.format("cgt-%03d", i)).toList();
        AccountSettings.Filter filter = new AccountSettings.Filter(null, null, ids, null);

        // when
        List<ListingSlice> slices = ListingPlan.slices(filter);

        // then
        assertThat(slices).hasSize(6);
        assertThat(slices).extracting(slice -> slice.taskIds().size()).containsExactly(100, 100, 50, 100, 100, 50);
        assertThat(slices).extracting(ListingSlice::serviceTier)
            .containsExactly("default", "default", "default", "flex", "flex", "flex");
        assertThat(slices.subList(0, 3)).flatExtracting(ListingSlice::taskIds).containsExactlyElementsOf(ids);
        assertThat(slices.subList(3, 6)).flatExtracting(ListingSlice::taskIds).containsExactlyElementsOf(ids);
        assertThat(slices.get(1).taskIds().get(0)).isEqualTo("cgt-100");
    }

    @Test
    void shouldBatchTaskIdsForTheConfiguredTierOnly() {
        // given
        List<String> ids = IntStream.range(0, 101).mapToObj(i -> "cgt-" + i).toList();
        AccountSettings.Filter filter = new AccountSettings.Filter(null, null, ids, ServiceTier.DEFAULT);

        // when
        List<ListingSlice> slices = ListingPlan.slices(filter);

        // then
        assertThat(slices).extracting(slice -> slice.taskIds().size()).containsExactly(100, 1);
        assertThat(slices).extracting(ListingSlice::serviceTier).containsOnly("default");
    }

    @Test
    void shouldDropBlankAndDuplicateTaskIds() {
        // given
        AccountSettings.Filter filter = new AccountSettings.Filter(null, null, List.of(" cgt-1 ", "", "cgt-2", "cgt-1"),
                ServiceTier.FLEX);

        // when
        List<ListingSlice> slices = ListingPlan.slices(filter);

        // then
        assertThat(slices).singleElement()
            .satisfies(slice -> assertThat(slice.taskIds()).containsExactly("cgt-1", "cgt-2"));
    }

    @Test
    void shouldCarryStatusAndModelIntoEverySlice() {
        // given
        List<String> ids = IntStream.range(0, 150).mapToObj(i -> "cgt-" + i).toList();
        AccountSettings.Filter filter = new AccountSettings.Filter("failed", "doubao-seedance-1-0-pro-250528", ids, null);

        // when
        List<ListingSlice> slices = ListingPlan.slices(filter);

        // then
        assertThat(slices).hasSize(4).allSatisfy(slice -> {
            assertThat(slice.status()).isEqualTo("failed");
            assertThat(slice.model()).isEqualTo("doubao-seedance-1-0-pro-250528");
        });
        assertThat(slices.get(0).filter().queryParameters()).extracting(p -> p[0]).startsWith("filter.status", "filter.model");
    }
}

package io.arktasksync.job.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UnfinishedRecheckTest {

    @Test
    void shouldAskByIdForTheUsualFewUnfinishedTasks() {
        assertThat(UnfinishedRecheck.cheapestStatusesToList(counts(60, 40), 500)).isEmpty();
        assertThat(UnfinishedRecheck.cheapestStatusesToList(counts(0, 0), 500)).isEmpty();
    }

    @Test
    void shouldReadTheListingOfALargeQueuedBacklogAndAskForTheRunningOnesById() {
        // 20,000 queued: 40 pages against 200 id requests; 30 running: 1 id request against 1 page (a tie: by id)
        assertThat(UnfinishedRecheck.cheapestStatusesToList(counts(20_000, 30), 500)).containsExactly("queued");
    }

    @Test
    void shouldReadBothListingsWhenBothAreLarge() {
        assertThat(UnfinishedRecheck.cheapestStatusesToList(counts(1_000, 1_000), 500))
            .containsExactlyInAnyOrder("queued", "running");
    }

    @Test
    void shouldCostListingsWithTheConfiguredPageSize() {
        // 250 running: 3 id requests; at 100 per page 3 pages too (a tie), at 500 per page one
        assertThat(UnfinishedRecheck.cheapestStatusesToList(counts(0, 250), 100)).isEmpty();
        assertThat(UnfinishedRecheck.cheapestStatusesToList(counts(0, 250), 500)).containsExactly("running");
    }

    private static Map<String, Integer> counts(int queued, int running) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("queued", queued);
        counts.put("running", running);
        return counts;
    }
}

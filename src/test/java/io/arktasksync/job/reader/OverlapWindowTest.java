package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Windows that start at least the margin below the frontier and reach as far past it as they can. */
class OverlapWindowTest {

    @ParameterizedTest(name = "frontier {0}, margin {1}, page size {2}")
    @CsvSource({
        // frontier, margin, page size, page, size
        "1000, 0, 500, 3, 500",
        "1000, 10, 500, 3, 495",
        "1000, 40, 500, 3, 480",
        "500, 10, 500, 2, 490",
        "5, 10, 500, 1, 500",
        "2400, 12, 100, 25, 99",
    })
    void shouldStartAtLeastTheMarginBelowTheFrontier(long frontier, long margin, int pageSize, int page, int size) {
        // when
        OverlapWindow window = OverlapWindow.choose(frontier, margin, pageSize, 500);

        // then
        assertThat(window).isEqualTo(new OverlapWindow(page, size));
        assertThat(window.start()).isLessThanOrEqualTo(Math.max(0, frontier - margin));
        assertThat(window.start() + window.size()).isGreaterThan(frontier);
    }

    @Test
    void shouldGiveUpWhenTheMarginIsHalfAPageOrThePageIsSmall() {
        assertThat(OverlapWindow.choose(1000, 260, 500, 500)).isNull();
        assertThat(OverlapWindow.choose(30, 2, 10, 500)).isNull();
        assertThat(OverlapWindow.choose(250_000, 10, 500, 500)).as("beyond page_num 500").isNull();
    }
}

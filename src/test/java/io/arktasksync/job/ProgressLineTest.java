package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The progress line at the widths of real terminals, through a run of two tiers. */
class ProgressLineTest {

    private final ProgressLine line = new ProgressLine();

    @ParameterizedTest
    @ValueSource(ints = { 40, 80, 200 })
    void shouldFitTheWidthWithTheShareAndTheCount(int width) {
        // when
        String drawn = line.render(123_456, 250_000, Duration.ofSeconds(95), "page 247", width);

        // then: one column to spare, so that the terminal never wraps it
        assertThat(drawn.length()).isLessThan(width);
        assertThat(drawn).contains(" 49%").contains("123456/250000 tasks");
    }

    @Test
    void shouldGiveTheBarTheRoomOfAnEightyColumnTerminal() {
        // when
        String drawn = line.render(123_456, 250_000, Duration.ofSeconds(95), "page 247", 80);

        // then
        String bar = drawn.substring(drawn.indexOf('[') + 1, drawn.indexOf(']'));
        assertThat(bar.length()).isGreaterThanOrEqualTo(20);
        assertThat(drawn).startsWith("Syncing  49% [").contains("ETA ");
    }

    @Test
    void shouldShowEverythingOnAWideTerminal() {
        // when
        String drawn = line.render(123_456, 250_000, Duration.ofSeconds(95), "page 247", 200);

        // then
        assertThat(drawn).contains("ETA 1:37").contains("1300/s").contains("page 247");
    }

    @ParameterizedTest
    @ValueSource(ints = { 40, 80, 200 })
    void shouldNeverGoBackWhenTheSecondTiersTotalArrives(int width) {
        // given: the default tier (1,000 tasks) almost read, the flex tier's total not known yet
        String beforeFlex = line.render(980, 1_000, Duration.ofSeconds(20), "page 2", width);

        // when: the flex tier's first page answers 200 more
        String afterFlex = line.render(1_000, 1_200, Duration.ofSeconds(21), "page 3", width);
        String later = line.render(1_190, 1_200, Duration.ofSeconds(25), "page 4", width);

        // then: the share holds, then moves on
        assertThat(beforeFlex).contains(" 98%");
        assertThat(afterFlex).contains(" 98%").contains("1000/1200");
        assertThat(later).contains(" 99%");
        assertThat(afterFlex.length()).isLessThan(width);
    }

    @Test
    void shouldLetTheEstimateSettleAsTheRunGoesOnAtAnEvenRate() {
        // when: 100 tasks a second throughout, a 10,000-task run
        String early = line.render(1_000, 10_000, Duration.ofSeconds(10), "", 200);
        String middle = line.render(5_000, 10_000, Duration.ofSeconds(50), "", 200);
        String late = line.render(9_000, 10_000, Duration.ofSeconds(90), "", 200);

        // then
        assertThat(early).contains("ETA 1:30");
        assertThat(middle).contains("ETA 0:50");
        assertThat(late).contains("ETA 0:10");
    }

    @Test
    void shouldCountWithoutAShareBeforeAnyTotal() {
        // when
        String drawn = line.render(500, -1, Duration.ofSeconds(2), "page 1", 80);

        // then
        assertThat(drawn).contains("500 tasks").doesNotContain("%").doesNotContain("[");
    }
}

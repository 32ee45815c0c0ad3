package io.arktasksync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RequestPacerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldSpaceRequestsToTheConfiguredRate() {
        // given
        RequestPacer pacer = new RequestPacer(4);

        // when
        Duration first = pacer.reserve(0);
        Duration second = pacer.reserve(0);
        Duration third = pacer.reserve(0);

        // then
        assertThat(first).isZero();
        assertThat(second).isEqualTo(Duration.ofMillis(250));
        assertThat(third).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldNotWaitWithoutALimitUntilThrottled() {
        // given
        RequestPacer pacer = new RequestPacer(0);

        // then
        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(0)).isZero();

        // and after a 429 it paces at one request per second
        pacer.throttled();
        assertThat(pacer.currentRate()).isEqualTo(1.0);
        pacer.reserve(10 * SECOND);
        assertThat(pacer.reserve(10 * SECOND)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldHalveOnEach429AndRecoverGraduallyUpToTheLimit() {
        // given
        RequestPacer pacer = new RequestPacer(8);

        // when
        pacer.throttled();
        pacer.throttled();

        // then
        assertThat(pacer.currentRate()).isEqualTo(2.0);
        pacer.succeeded();
        assertThat(pacer.currentRate()).isEqualTo(2.5);
        for (int i = 0; i < 20; i++) {
            pacer.succeeded();
        }
        assertThat(pacer.currentRate()).isEqualTo(8.0);
    }

    @Test
    void shouldBecomeUnlimitedAgainWhenNoLimitWasConfigured() {
        // given
        RequestPacer pacer = new RequestPacer(0);
        pacer.throttled();

        // when
        for (int i = 0; i < 30; i++) {
            pacer.succeeded();
        }

        // then
        assertThat(pacer.currentRate()).isZero();
        assertThat(pacer.reserve(0)).isZero();
    }
}

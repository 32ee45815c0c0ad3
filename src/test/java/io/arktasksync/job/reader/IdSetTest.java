package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void shouldCountEachIdOnceAcrossGrowth() {
        // given
        IdSet ids = new IdSet();

        // when
        for (int i = 0; i < 100_000; i++) {
            assertThat(ids.add("cgt-" + i)).isTrue();
        }
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(ids.add("cgt-" + i)).isFalse();
        }

        // then
        assertThat(ids.size()).isEqualTo(100_000);
        assertThat(ids.contains("cgt-99999")).isTrue();
        assertThat(ids.contains("cgt-100000")).isFalse();
        assertThat(ids.contains("")).isFalse();
    }
}

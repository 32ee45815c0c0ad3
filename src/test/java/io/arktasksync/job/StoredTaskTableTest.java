package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.arktasksync.job.StoredTaskTable.Verdict;
import org.junit.jupiter.api.Test;

class StoredTaskTableTest {

    private static final UUID HASH = UUID.fromString("00000000-0000-0001-0000-000000000002");

    private final StoredTaskTable table = new StoredTaskTable();

    @Test
    void shouldFindUnchangedOnlyForTheSameIdAndTheSameHash() {
        // given
        table.put("a", HASH, 1_000, false);

        // then
        assertThat(table.verdict("a", HASH, 500)).isEqualTo(Verdict.UNCHANGED);
        assertThat(table.verdict("a", new UUID(1, 3), 500)).isEqualTo(Verdict.WRITE);
        assertThat(table.verdict("a", new UUID(2, 2), 500)).isEqualTo(Verdict.WRITE);
        assertThat(table.verdict("b", HASH, 500)).isEqualTo(Verdict.WRITE);
    }

    @Test
    void shouldTouchWhenLastSeenIsOlderThanTheResolutionOrTheTaskIsGone() {
        // given
        table.put("seen-long-ago", HASH, 1_000, false);
        table.put("gone", HASH, 9_000, true);

        // then
        assertThat(table.verdict("seen-long-ago", HASH, 1_000)).isEqualTo(Verdict.UNCHANGED);
        assertThat(table.verdict("seen-long-ago", HASH, 1_001)).isEqualTo(Verdict.TOUCH);
        assertThat(table.verdict("gone", HASH, 0)).isEqualTo(Verdict.TOUCH);
    }

    @Test
    void shouldNoLongerVouchForAForgottenTask() {
        // given
        table.put("a", HASH, 1_000, false);

        // when
        table.forget("a");

        // then
        assertThat(table.verdict("a", HASH, 0)).isEqualTo(Verdict.WRITE);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepEveryEntryWhileGrowing() {
        // given: far more than the initial 4,096 slots
        for (int i = 0; i < 100_000; i++) {
            table.put("cgt-" + i, new UUID(i, -i), i, false);
        }

        // then
        assertThat(table.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.verdict("cgt-" + i, new UUID(i, -i), i)).isEqualTo(Verdict.UNCHANGED);
        }
        assertThat(table.verdict("cgt-100000", new UUID(100_000, -100_000), 0)).isEqualTo(Verdict.WRITE);
    }
}

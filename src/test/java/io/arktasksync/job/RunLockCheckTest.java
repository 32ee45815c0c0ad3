package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.Chunk;

class RunLockCheckTest {

    private final List<String> checks = new ArrayList<>();

    private boolean lost;

    private final RunLockGuard guard = new RunLockGuard() {
        @Override
        public void ensureHeld(String account) {
            checks.add("database:" + account);
            failIfLost();
        }

        @Override
        public void ensureNotKnownLost(String account) {
            checks.add("known:" + account);
            failIfLost();
        }
    };

    private boolean wrote;

    private final RunLockCheck check = new RunLockCheck(guard, "prod", () -> wrote);

    @Test
    void shouldAskTheDatabaseBeforeAChunkThatWroteCommits() {
        wrote = true;

        check.afterWrite(new Chunk<>());

        assertThat(checks).containsExactly("database:prod");
    }

    @Test
    void shouldSpareTheRoundTripForAChunkThatWroteNothing() {
        wrote = false;

        check.afterWrite(new Chunk<>());

        assertThat(checks).containsExactly("known:prod");
    }

    @Test
    void shouldStillFailAChunkThatWroteNothingOnceTheLossIsKnown() {
        wrote = false;
        lost = true;

        assertThatThrownBy(() -> check.afterWrite(new Chunk<>())).hasMessageContaining("lost");
    }

    private void failIfLost() {
        if (lost) {
            throw new IllegalStateException("lost");
        }
    }
}

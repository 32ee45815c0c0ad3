package io.arktasksync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The SIGTERM hook must not let the JVM halt before the run has recorded its outcome: Spring Batch writes STOPPED to
 * its own tables before the job listener closes the {@code ark.sync_runs} row, so a hook that returned early left
 * that row STARTED. The latch here records the waits instead of blocking, which makes the ordering testable
 * without timing.
 */
class GracefulStopTest {

    private static final Duration GRACE = Duration.ofMinutes(1);

    @Test
    void shouldWaitForTheRunToFinishEvenWhenTheStopRequestFails() {
        // given: a stop request that loses a race with the run's own update of its execution
        RecordingLatch finished = new RecordingLatch(true);
        GracefulStop hook = new GracefulStop(() -> {
            throw new OptimisticLockingFailureException("Attempt to update step execution id=1 with wrong version");
        }, finished, GRACE);

        // when
        hook.run();

        // then: it still waited for the run, instead of letting the JVM halt at once
        assertThat(finished.waits()).hasSize(1);
    }

    @Test
    void shouldWaitUpToTheGracePeriodOnceTheSyncWasAskedToStop() {
        // given
        RecordingLatch finished = new RecordingLatch(true);
        AtomicInteger requests = new AtomicInteger();
        GracefulStop hook = new GracefulStop(() -> {
            requests.incrementAndGet();
            return 1;
        }, finished, GRACE);

        // when
        hook.run();

        // then
        assertThat(requests).hasValue(1);
        assertThat(finished.waits()).singleElement()
            .satisfies(wait -> assertThat(wait).isBetween(GRACE.minusSeconds(30), GRACE));
    }

    @Test
    void shouldRepeatTheStopRequestWhileNoSyncIsRunningYet() {
        // given: SIGTERM while the run is still starting, then the job's execution appears
        RecordingLatch finished = new RecordingLatch(false, true);
        Deque<Integer> running = new ArrayDeque<>(List.of(0, 1));
        AtomicInteger requests = new AtomicInteger();
        GracefulStop hook = new GracefulStop(() -> {
            requests.incrementAndGet();
            return running.isEmpty() ? 1 : running.pop();
        }, finished, GRACE);

        // when
        hook.run();

        // then: asked again after a short wait, then waited for the run
        assertThat(requests).hasValue(2);
        assertThat(finished.waits()).hasSize(2);
        assertThat(finished.waits().get(0)).isLessThanOrEqualTo(GracefulStop.RETRY_INTERVAL);
        assertThat(finished.waits().get(1)).isGreaterThan(GracefulStop.RETRY_INTERVAL);
    }

    @Test
    void shouldLetTheJvmExitOnceTheGracePeriodIsOver() {
        // given: a run that never finishes
        CountDownLatch never = new CountDownLatch(1);
        GracefulStop hook = new GracefulStop(() -> 1, never, Duration.ofMillis(50));

        // when / then: the hook returns (the bound is generous: the grace period is 50 ms)
        assertTimeoutPreemptively(Duration.ofSeconds(30), hook::run);
        assertThat(never.getCount()).isOne();
    }

    /** A latch whose timed waits answer from a script and are recorded, without blocking. */
    private static final class RecordingLatch extends CountDownLatch {

        private final Deque<Boolean> answers = new ArrayDeque<>();

        private final List<Duration> waits = new ArrayList<>();

        RecordingLatch(Boolean... answers) {
            super(1);
            this.answers.addAll(List.of(answers));
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) {
            waits.add(Duration.ofNanos(unit.toNanos(timeout)));
            return answers.isEmpty() || answers.pop();
        }

        List<Duration> waits() {
            return waits;
        }
    }
}

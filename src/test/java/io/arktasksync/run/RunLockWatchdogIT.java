package io.arktasksync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run lock's watchdog on a real PostgreSQL, whose sessions are ended the way an administrator or a failover does. */
class RunLockWatchdogIT {

    private TestDatabase database;

    private Jdbi jdbi;

    private final RunLockWatchdog watchdog = new RunLockWatchdog();

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        jdbi = database.user() == null ? Jdbi.create(database.url())
                : Jdbi.create(database.url(), database.user(), database.password());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldLetTheRunCommitWhileItHoldsItsLock() {
        // given
        try (DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi); RunLockWatchdog.Watch watch = watchdog.watch(lock)) {

            // when / then
            assertThatCode(watchdog::ensureHeld).doesNotThrowAnyException();
            assertThatCode(watchdog::ensureHeld).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldRefuseTheNextCommitOnceTheLockSessionWasTerminated() {
        // given: a run holding the lock, whose lock session alone is ended
        try (DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi); RunLockWatchdog.Watch watch = watchdog.watch(lock)) {
            assertThat(terminateLockSession()).isEqualTo(1);

            // when / then: the next chunk boundary fails with the documented exit code, and keeps failing
            assertThatThrownBy(watchdog::ensureHeld).isInstanceOf(RunLockLostException.class)
                .hasMessageStartingWith("Lost the run lock: the session that held it is gone")
                .satisfies(lost -> assertThat(ExitCode.forFailure(lost)).isEqualTo(ExitCode.DATABASE_UNAVAILABLE));
            assertThatThrownBy(watchdog::ensureHeld).isInstanceOf(RunLockLostException.class);

            // and this is why: another run can take the lock now
            try (DatabaseRunLock second = DatabaseRunLock.tryAcquire(jdbi)) {
                assertThat(second).isNotNull();
            }
        }
    }

    @Test
    void shouldRefuseToLetTheSyncCommitWithoutALockBeingWatched() {
        // given
        try (DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi)) {
            watchdog.watch(lock).close();

            // when / then
            assertThatThrownBy(watchdog::ensureHeld).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run lock");
        }
    }

    @Test
    void shouldNotTakeTheRunsOwnReleaseOfTheLockForALoss() {
        // given
        DatabaseRunLock lock = DatabaseRunLock.tryAcquire(jdbi);
        RunLockWatchdog.Watch watch = watchdog.watch(lock);

        // when: the run ends, in the order SyncRunner closes them
        watch.close();
        lock.close();

        // then
        assertThat(watch.check()).isNull();
    }

    /** Ends the session holding the advisory lock and waits until it is gone. */
    private int terminateLockSession() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).mapTo(Integer.class).one());
    }
}

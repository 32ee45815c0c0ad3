package io.arktasksync.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run lock and its watch on a real PostgreSQL, whose sessions are ended the way an administrator or a failover does. */
class RunLockIT {

    private TestDatabase database;

    private Jdbi jdbi;

    private static final String ACCOUNT = RunLock.DEFAULT_ACCOUNT;

    private RunLock runLock;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        jdbi = database.jdbi();
        runLock = new RunLock(jdbi);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldLetTheRunCommitWhileItHoldsItsLock() {
        // given
        try (RunLock.Held lock = runLock.tryHold(ACCOUNT)) {

            // when / then
            assertThatCode(() -> runLock.ensureHeld(ACCOUNT)).doesNotThrowAnyException();
            assertThatCode(() -> runLock.ensureHeld(ACCOUNT)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldRefuseTheNextCommitOnceTheLockSessionWasTerminated() {
        // given: a run holding the lock, whose lock session alone is ended
        try (RunLock.Held lock = runLock.tryHold(ACCOUNT)) {
            assertThat(terminateLockSession()).isEqualTo(1);

            // when / then: the next chunk boundary fails with the documented exit code, and keeps failing
            assertThatThrownBy(() -> runLock.ensureHeld(ACCOUNT)).isInstanceOf(RunLockLostException.class)
                .hasMessageStartingWith("Lost the run lock: the session that held it is gone")
                .satisfies(lost -> assertThat(ExitCode.forFailure(lost)).isEqualTo(ExitCode.DATABASE_UNAVAILABLE));
            assertThatThrownBy(() -> runLock.ensureHeld(ACCOUNT)).isInstanceOf(RunLockLostException.class);

            // and this is why: another run (another process) can take the lock now
            try (RunLock.Held second = new RunLock(jdbi).tryHold(ACCOUNT)) {
                assertThat(second).isNotNull();
            }
        }
    }

    @Test
    void shouldRefuseToLetTheSyncCommitWithoutALockBeingWatched() {
        // given
        runLock.tryHold(ACCOUNT).close();

        // when / then
        assertThatThrownBy(() -> runLock.ensureHeld(ACCOUNT)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("run lock");
    }

    @Test
    void shouldLeaveTheLockToTheRunHoldingItAndReleaseItWhenThatRunEnds() {
        // given: a run of the account in another process
        RunLock otherProcess = new RunLock(jdbi);
        try (RunLock.Held held = otherProcess.tryHold(ACCOUNT)) {

            // when / then: this one finds it taken, another account's lock is free
            assertThat(runLock.tryHold(ACCOUNT)).isNull();
            try (RunLock.Held otherAccount = runLock.tryHold("second")) {
                assertThat(otherAccount).isNotNull();
            }
        }

        // and once that run ended, the lock is free again
        try (RunLock.Held held = runLock.tryHold(ACCOUNT)) {
            assertThat(held).isNotNull();
        }
    }

    @Test
    void shouldNotTakeTheRunsOwnReleaseOfTheLockForALoss() {
        // given
        RunLock.Held lock = runLock.tryHold(ACCOUNT);

        // when: the run ends, which ends the watch and releases the lock
        lock.close();

        // then
        assertThat(lock.check()).isNull();
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

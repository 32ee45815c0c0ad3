package io.arktasksync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one write a run makes after its last chunk, marking tasks deleted upstream ({@code gone_at}), is behind the run
 * lock too: a run that lost its lock leaves it to a run that holds one.
 */
class GoneMarkingLockIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** Three full pages of 100, so the listing ends with a fourth request that returns no task. */
    private static final List<String> THREE_PAGES = List.of("--ark.page-size=100", "--ark.chunk-size=100",
            "--ark.filter.service-tier=default", "--full");

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private List<SimulatedTask> deleted;

    @BeforeEach
    void setUp() {
        List<SimulatedTask> tasks = SettledTasks.generate(1_000, 71L, NOW, 0).stream()
            .filter(t -> t.serviceTier().equals("default"))
            .filter(t -> t.createdAt() < NOW.minus(Duration.ofDays(1)).getEpochSecond())
            .limit(305)
            .toList();
        harness.api().putAll(tasks);
        assertThat(harness.sync(THREE_PAGES.toArray(String[]::new))).isZero();
        deleted = tasks.subList(100, 105);
        deleted.forEach(t -> harness.api().remove(t.id()));
        harness.api().resetRequests();
    }

    @Test
    void shouldNotMarkTasksGoneOnceItsRunLockIsLost() {
        // given: the lock's session is ended while the run reads its last, empty page, after its last chunk
        harness.api().beforeEachRequest(() -> {
            if (harness.api().requestCount() == 4) {
                terminateLockSession();
            }
        });

        // when
        int exitCode = harness.sync(THREE_PAGES.toArray(String[]::new));

        // then: every chunk committed under the lock, but the tasks deleted upstream are left unmarked
        assertThat(exitCode).isZero();
        assertThat(harness.api().requestCount()).isEqualTo(4);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isZero();

        // and the next full run, holding its lock, marks them
        harness.api().beforeEachRequest(null);
        assertThat(harness.sync(THREE_PAGES.toArray(String[]::new))).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isEqualTo(5);
    }

    private void terminateLockSession() {
        int terminated = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).mapTo(Integer.class).one());
        assertThat(terminated).isEqualTo(1);
    }
}

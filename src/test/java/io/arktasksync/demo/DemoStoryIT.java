package io.arktasksync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.arktasksync.ArkTaskSyncApplication;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --demo} tells the product's story on one database: the first run stores the account, a re-run stores
 * nothing new for what did not change and one history row per change, and no run marks a task gone.
 */
class DemoStoryIT {

    private static final int TASKS = 400;

    private final TestDatabase database = TestDatabase.create();

    private final Jdbi jdbi = database.jdbi();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void shouldShowUnchangedTasksThenUpdatesWithHistoryThenNewAndFinishedTasksAndNeverAPhantomDeletion() {
        // first run: the account as it is
        assertThat(demo()).isZero();
        Map<String, Object> first = lastRun();
        assertThat(first).containsEntry("inserted", (long) TASKS).containsEntry("updated", 0L);
        assertThat(count("SELECT count(*) FROM ark.tasks")).isEqualTo(TASKS);
        long unfinishedAtFirst = count("SELECT count(*) FROM ark.tasks WHERE status IN ('queued', 'running')");
        assertThat(unfinishedAtFirst).isPositive();

        // second run: an hour on; most tasks unchanged, some finished (a history row each), a few new
        assertThat(demo()).isZero();
        Map<String, Object> second = lastRun();
        assertThat((long) second.get("unchanged")).isPositive();
        assertThat((long) second.get("updated")).isPositive();
        assertThat((long) second.get("inserted")).isEqualTo(TASKS / 100);
        assertThat(count("SELECT count(*) FROM ark.tasks")).isEqualTo(TASKS + TASKS / 100);
        assertThat(count("SELECT count(*) FROM (SELECT task_id FROM ark.task_history GROUP BY task_id "
                + "HAVING count(*) > 1) changed")).isEqualTo((long) second.get("updated"));

        // third run, a full one: the same tasks again plus the next hour's, none gone
        assertThat(demo("--full")).isZero();
        Map<String, Object> third = lastRun();
        assertThat((long) third.get("inserted")).isEqualTo(TASKS / 100);
        assertThat((long) third.get("unchanged")).isGreaterThan(TASKS / 2);
        assertThat(count("SELECT count(*) FROM ark.tasks")).isEqualTo(TASKS + 2 * (TASKS / 100));
        assertThat(count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM ark.sync_runs WHERE status = 'COMPLETED'")).isEqualTo(3);
    }

    @Test
    void shouldNotArchiveTheDemosLinksWhichLeadToNoRealStorage(@TempDir Path archive) throws IOException {
        // when: a demo with archiving configured
        int exitCode = demo("--ark.archive.url=" + archive.toUri());

        // then: the sync ran, nothing was fetched or recorded for archiving
        assertThat(exitCode).isZero();
        assertThat(count("SELECT count(*) FROM ark.tasks")).isEqualTo(TASKS);
        assertThat(count("SELECT count(*) FROM ark.task_artifacts")).isZero();
        try (Stream<Path> files = Files.list(archive)) {
            assertThat(files).isEmpty();
        }
    }

    private int demo(String... more) {
        List<String> arguments = new ArrayList<>(List.of(database.springArguments()));
        arguments.add("--demo-tasks=" + TASKS);
        arguments.addAll(List.of(more));
        return ArkTaskSyncApplication.run(arguments.toArray(String[]::new));
    }

    private Map<String, Object> lastRun() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT inserted, updated, unchanged, history_rows FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1""")
            .mapToMap()
            .one());
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}

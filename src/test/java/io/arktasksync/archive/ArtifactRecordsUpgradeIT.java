package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.arktasksync.schema.ArkSchema;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SyncHarness;
import org.flywaydb.core.Flyway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * V15 on a database of the last release (V12) that already archived: its rows are kept as they were, a failed one
 * is due at once (no next try recorded) and a failed one past the maximum of runs stays left alone.
 */
class ArtifactRecordsUpgradeIT {

    @RegisterExtension
    final SyncHarness harness = SyncHarness.onEmptyDatabase();

    @TempDir
    Path archive;

    @Test
    void rowsOfTheLastReleaseAreKeptAndItsFailedLinksRetried() {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 40, 71L);
        harness.api().putAll(tasks);
        List<ArchivedArtifacts.Expected> alive = ArchivedArtifacts.expected(tasks).stream()
            .filter(a -> a.alive() && a.kind().equals("video"))
            .toList();
        ArkSchema.configure(Flyway.configure()
            .dataSource(harness.database().url(), harness.database().user(), harness.database().password()))
            .target("12")
            .load()
            .migrate();
        String retried = alive.get(0).taskId();
        String leftAlone = alive.get(1).taskId();
        harness.jdbi().useHandle(handle -> {
            handle.execute("""
                    INSERT INTO ark.task_artifacts (task_id, kind, account, status, reason, attempts, last_attempt_at)
                    VALUES (?, 'video', 'default', 'failed', 'HTTP 503 from host (4 attempts)', 1, now())""", retried);
            handle.execute("""
                    INSERT INTO ark.task_artifacts (task_id, kind, account, status, reason, attempts, last_attempt_at)
                    VALUES (?, 'video', 'default', 'failed', 'HTTP 503 from host (4 attempts)', 5, now())""",
                    leftAlone);
        });

        // when: the first run of this release upgrades the schema, syncs and archives
        assertThat(harness.sync("--ark.archive.url=" + archive.toUri())).isZero();

        Map<String, ArchivedArtifacts.Row> rows = ArchivedArtifacts.rows(harness.jdbi());
        assertThat(rows.get(retried + "/video").status()).isEqualTo("archived");
        assertThat(rows.get(retried + "/video").attempts()).isEqualTo(2);
        assertThat(rows.get(leftAlone + "/video").status()).isEqualTo("failed");
        assertThat(rows.get(leftAlone + "/video").attempts()).isEqualTo(5);
        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE next_attempt_at IS NOT NULL"))
            .isZero();
        assertThat(harness.count("SELECT sum(given_up) FROM ark.daily_archive_coverage")).isZero();
        assertThat(harness.count("SELECT sum(failed) FROM ark.daily_archive_coverage")).isOne();
    }
}

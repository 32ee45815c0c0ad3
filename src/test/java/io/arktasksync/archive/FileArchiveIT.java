package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.simulator.ContentBytes;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.FakePushgateway;
import io.arktasksync.support.SyncHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The archive step of a sync and the {@code archive} command, with a folder as the archive. */
class FileArchiveIT {

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @TempDir
    Path archive;

    private String archiveUrl() {
        return "--ark.archive.url=" + archive.toUri();
    }

    @Test
    void aSyncOfANamedAccountArchivesUnderThatAccountsLock() throws Exception {
        // given: an account named otherwise than default (its run holds its own lock, not default's)
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 60, 12L);
        harness.api().putAll(tasks);
        long alive = ArchivedArtifacts.expected(tasks).stream().filter(ArchivedArtifacts.Expected::alive).count();

        // when
        int exitCode = harness.sync(archiveUrl(), "--ark.account=prod");

        // then
        assertThat(exitCode).isZero();
        assertThat(content.bodiesServed()).isEqualTo(alive);
        assertThat(harness.count("SELECT sum(archived) FROM ark.daily_archive_coverage")).isEqualTo(alive);
    }

    @Test
    void theArchiveCommandArchivesEveryConfiguredAccount() throws Exception {
        // given: two accounts' tasks stored by syncs without an archive
        ContentServer content = harness.api().content();
        long alive = 0;
        for (String account : List.of("alpha", "beta")) {
            List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 40, account.hashCode());
            harness.api().tasks().forEach(task -> harness.api().remove(task.id()));
            harness.api().putAll(tasks);
            alive += ArchivedArtifacts.expected(tasks).stream().filter(ArchivedArtifacts.Expected::alive).count();
            assertThat(harness.sync("--ark.account=" + account)).isZero();
        }

        // when: the command, with both accounts configured
        int exitCode = harness.command("archive", archiveUrl(), "--ark.accounts[0].name=alpha",
                "--ark.accounts[1].name=beta");

        // then: both accounts' live outputs archived, each under its own name
        assertThat(exitCode).isZero();
        assertThat(content.bodiesServed()).isEqualTo(alive);
        assertThat(harness.count("SELECT count(DISTINCT account) FROM ark.task_artifacts")).isEqualTo(2);
        assertThat(harness.count("SELECT sum(archived) FROM ark.daily_archive_coverage")).isEqualTo(alive);
        try (var accounts = Files.list(archive)) {
            assertThat(accounts.map(path -> path.getFileName().toString())).contains("alpha", "beta");
        }
    }

    @Test
    void aSyncArchivesEveryLiveOutputOnceAndRecordsTheExpiredOnes() throws Exception {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 400, 11L);
        harness.api().putAll(tasks);
        List<ArchivedArtifacts.Expected> expected = ArchivedArtifacts.expected(tasks);
        long alive = expected.stream().filter(ArchivedArtifacts.Expected::alive).count();
        assertThat(alive).isGreaterThan(20);
        assertThat(expected.size() - alive).isGreaterThan(20);

        assertThat(harness.sync(archiveUrl(), "--ark.archive.concurrency=3")).isZero();

        ArchivedArtifacts.assertExact(harness.jdbi(), content, expected);
        assertThat(content.bodiesServed()).isEqualTo(alive);
        assertThat(content.requestCount()).as("dead links are not requested").isEqualTo(alive);
        Map<String, ArchivedArtifacts.Row> rows = ArchivedArtifacts.rows(harness.jdbi());
        for (ArchivedArtifacts.Expected artifact : expected) {
            ArchivedArtifacts.Row row = rows.get(artifact.taskId() + "/" + artifact.kind());
            if (!artifact.alive()) {
                continue;
            }
            Path copy = Paths.get(URI.create(row.location()));
            assertThat(copy).startsWith(archive);
            assertThat(archive.relativize(copy).toString())
                .matches("default/\\d{4}/\\d{2}/\\d{2}/" + artifact.taskId() + "/"
                        + (artifact.kind().equals("video") ? "video\\.mp4" : "last_frame\\.png"));
            assertThat(Files.size(copy)).isEqualTo(row.sizeBytes());
            assertThat(Files.readString(copy.resolveSibling(copy.getFileName() + ".sha256")))
                .isEqualTo(row.sha256() + "  " + copy.getFileName() + "\n");
            assertThat(sha256(copy)).isEqualTo(row.sha256());
        }
        long coverage = harness.count("SELECT sum(archived) FROM ark.daily_archive_coverage");
        assertThat(coverage).isEqualTo(alive);
        assertThat(harness.count("SELECT sum(expired) FROM ark.daily_archive_coverage"))
            .isEqualTo(expected.size() - alive);
        assertThat(harness.count("SELECT sum(pending) FROM ark.daily_archive_coverage")).isZero();
        try (var leftovers = Files.list(archive.resolve(FileArchiveStore.INCOMING))) {
            assertThat(leftovers).isEmpty();
        }

        long requests = content.requestCount();
        assertThat(harness.sync(archiveUrl())).isZero();
        assertThat(harness.command("archive", archiveUrl())).isZero();
        assertThat(content.requestCount()).as("a re-run fetches nothing").isEqualTo(requests);
        ArchivedArtifacts.assertExact(harness.jdbi(), content, expected);
        assertThat(harness.count("SELECT max(attempts) FROM ark.task_artifacts")).isEqualTo(1);
    }

    @Test
    void failedDownloadsAreRecordedAndTheArchiveCommandFinishesThem() {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 100, 12L);
        harness.api().putAll(tasks);
        List<ArchivedArtifacts.Expected> expected = ArchivedArtifacts.expected(tasks);
        assertThat(harness.sync()).isZero();
        // every request fails for a while: the command records failures and says so with exit 1
        content.failNext(10_000, 503);

        assertThat(harness.command("archive", archiveUrl(), "--ark.archive.max-attempts=1"))
            .isEqualTo(ExitCode.FAILED.code());

        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE status = 'failed'"))
            .isEqualTo(expected.stream().filter(ArchivedArtifacts.Expected::alive).count());
        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE reason LIKE '%X-Tos%'")).isZero();
        content.clearFaults();

        assertThat(harness.command("archive", archiveUrl())).isZero();

        ArchivedArtifacts.assertExact(harness.jdbi(), content, expected);
    }

    @Test
    void theRunPushesTheArchiveMetricsWithoutAnyLink() {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 200, 15L);
        harness.api().putAll(tasks);
        List<ArchivedArtifacts.Expected> expected = ArchivedArtifacts.expected(tasks);
        long alive = expected.stream().filter(ArchivedArtifacts.Expected::alive).count();
        long bytes = expected.stream().filter(ArchivedArtifacts.Expected::alive)
            .mapToLong(a -> content.size(a.object())).sum();

        try (FakePushgateway pushgateway = FakePushgateway.start()) {
            assertThat(harness.sync(archiveUrl(), "--ark.pushgateway-url=" + pushgateway.url())).isZero();

            FakePushgateway.Push push = pushgateway.pushes().get(pushgateway.pushes().size() - 1);
            Map<String, Double> samples = push.samples();
            assertThat(samples).containsEntry("ark_archive_files_total", (double) alive)
                .containsEntry("ark_archive_bytes_total", (double) bytes)
                .containsEntry("ark_archive_expired_total", (double) (expected.size() - alive))
                .containsEntry("ark_archive_failed_total", 0.0)
                .containsKey("ark_archive_seconds_total");
            assertThat(push.body()).doesNotContain("X-Tos").doesNotContain("/content/");
        }
    }

    @Test
    void withoutAnArchiveUrlNothingIsFetchedAndTheJobHasOneStep() {
        ContentServer content = harness.api().content();
        harness.api().putAll(ArchivedArtifacts.tasks(content, 100, 13L));

        assertThat(harness.sync()).isZero();

        assertThat(content.requestCount()).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts")).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark_batch.batch_step_execution")).isEqualTo(1);
    }

    @Test
    void theArchiveStepKeepsTheSyncStepsVerdict() {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 100, 14L);
        harness.api().putAll(tasks);
        harness.api().putRaw("r1", "42", tasks.get(0).createdAt(), "default");

        assertThat(harness.sync(archiveUrl(), "--ark.max-reject-ratio=0")).isEqualTo(ExitCode.TOO_MANY_REJECTS.code());

        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE status = 'archived'")).isPositive();
    }

    @Test
    void theArchiveCommandNeedsAnArchiveUrl() {
        assertThat(harness.command("archive")).isEqualTo(ExitCode.INVALID_CONFIGURATION.code());
        assertThat(harness.lastStandardError()).contains("ARK_ARCHIVE_URL (ark.archive.url) is not set");
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}

package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.arktasksync.simulator.ContentBytes;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.FakePushgateway;
import io.arktasksync.support.SyncHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile output link among good ones never stops the record: whatever the link does, the sync's run ends in
 * bounded time (the tests' timeouts, which leave room for a loaded machine) with every other artifact archived, the link is recorded with its attempt and next try, and the next
 * runs sync new tasks (a failed archive step once made every later run re-run only that step).
 */
class HostileLinksIT {

    /** A signing date in year 9999 and an expiry that ends exactly at the last instant Java can represent. */
    private static final String YEAR_9999_SIGNATURE = "X-Tos-Date=99991231T235959Z&X-Tos-Expires=31556636462102400"
            + "&X-Tos-Signature=0123456789abcdef";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @TempDir
    Path archive;

    private String archiveUrl() {
        return "--ark.archive.url=" + archive.toUri();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkSignedInYear9999() {
        ContentServer content = harness.api().content();
        String link = content.baseUrl() + "cgt-poison-9999.mp4?" + YEAR_9999_SIGNATURE;

        ArchivedArtifacts.Row row = theRecordGoesOnPast(link);

        assertThat(row.attempts()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkThatThrowsAnUnexpectedException() {
        // a port out of range: the JDK throws an IllegalArgumentException, not an IOException, when connecting
        String link = "http://127.0.0.1:99999/content/cgt-poison-port.mp4?X-Tos-Date=20990101T000000Z"
                + "&X-Tos-Expires=86400&X-Tos-Signature=0123456789abcdef";

        ArchivedArtifacts.Row row = theRecordGoesOnPast(link);

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.reason()).contains("port out of range").doesNotContain("X-Tos").doesNotContain("0123456789");
        assertThat(nextAttemptAfterLastAttempt("cgt-poison")).isTrue();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aContentTypeThatPostgresqlRefuses() {
        ContentServer content = harness.api().content();
        String object = "cgt-poison-nul.mp4";
        content.setContentType(object, "video/mp4\u0000; evil");
        String link = content.baseUrl() + object + "?" + liveSignature();

        ArchivedArtifacts.Row row = theRecordGoesOnPast(link);

        assertThat(row.status()).isEqualTo("archived");
        assertThat(row.contentType()).isEqualTo("video/mp4");
        assertThat(row.sha256()).isEqualTo(ContentBytes.sha256(object, content.size(object)));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkThatDrips() {
        ContentServer content = harness.api().content();
        String object = "cgt-poison-drip.mp4";
        content.setSize(object, 10_000);
        content.drip(object, 200);
        String link = content.baseUrl() + object + "?" + liveSignature();

        ArchivedArtifacts.Row row = theRecordGoesOnPast(link, "--ark.archive.max-download-time=2s");

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.reason()).contains("did not finish within 2s");
        assertThat(nextAttemptAfterLastAttempt("cgt-poison")).isTrue();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkLargerThanTheMaximumSizeIsGivenUpAtOnce() {
        ContentServer content = harness.api().content();
        String object = "cgt-poison-huge.mp4";
        content.setSize(object, 5L * 1024 * 1024);
        String link = content.baseUrl() + object + "?" + liveSignature();

        try (FakePushgateway gateway = FakePushgateway.start()) {
            ArchivedArtifacts.Row row = theRecordGoesOnPast(link, "--ark.archive.max-size=1MB",
                    "--ark.pushgateway-url=" + gateway.url());

            assertThat(row.status()).isEqualTo("given_up");
            assertThat(row.reason()).contains("larger than ARK_ARCHIVE_MAX_SIZE");
            // the run that gave it up says so in a metric of its own; the later runs, which leave it alone, push 0
            assertThat(gateway.pushes()).hasSize(3);
            assertThat(givenUpMetric(gateway.pushes().get(0))).isEqualTo(1.0);
            assertThat(givenUpMetric(gateway.pushes().get(2))).isZero();
        }
    }

    private static double givenUpMetric(FakePushgateway.Push push) {
        return push.samples().entrySet().stream()
            .filter(sample -> sample.getKey().startsWith("ark_archive_given_up_total"))
            .mapToDouble(Map.Entry::getValue)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ark_archive_given_up_total in " + push.body()));
    }

    @Test
    void aLinkThatKeepsFailingIsGivenUpWithItsReasonAfterMaxRuns() {
        String link = "http://127.0.0.1:99999/content/cgt-poison-port.mp4?" + liveSignature();
        theRecordGoesOnPast(link, "--ark.archive.max-runs=3");

        // the archive command retries a failed link at once (not waiting for its next try), runs 2 and 3
        assertThat(harness.command("archive", archiveUrl(), "--ark.archive.max-runs=3")).isEqualTo(1);
        assertThat(poisonRow().status()).isEqualTo("failed");
        assertThat(harness.command("archive", archiveUrl(), "--ark.archive.max-runs=3")).isEqualTo(1);

        ArchivedArtifacts.Row row = poisonRow();
        assertThat(row.status()).isEqualTo("given_up");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.reason()).startsWith("given up after 3 runs: ").contains("port out of range");
        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE next_attempt_at IS NOT NULL"
                + " AND status = 'given_up'")).isZero();
        assertThat(harness.count("SELECT sum(given_up) FROM ark.daily_archive_coverage")).isEqualTo(1);
        // and left alone from then on
        assertThat(harness.command("archive", archiveUrl(), "--ark.archive.max-runs=3")).isZero();
        assertThat(poisonRow().attempts()).isEqualTo(3);
    }

    @Test
    void twoTaskIdsThatSanitiseAlikeKeepTwoCopies() throws Exception {
        ContentServer content = harness.api().content();
        SimulatedTask base = liveTask(ArchivedArtifacts.tasks(content, 40, 52L));
        // ':' is not kept in a file name; it once became '_', so both ids named the same object
        SimulatedTask colon = withVideo(base, "cgt-twin:1", content.baseUrl() + "cgt-twin-a.mp4?" + liveSignature());
        SimulatedTask underscore = withVideo(base, "cgt-twin_1", content.baseUrl() + "cgt-twin-b.mp4?"
                + liveSignature());
        harness.api().putAll(List.of(colon, underscore));

        assertThat(harness.sync(archiveUrl())).isZero();

        Map<String, ArchivedArtifacts.Row> rows = ArchivedArtifacts.rows(harness.jdbi());
        ArchivedArtifacts.Row a = rows.get("cgt-twin:1/video");
        ArchivedArtifacts.Row b = rows.get("cgt-twin_1/video");
        assertThat(a.status()).isEqualTo("archived");
        assertThat(b.status()).isEqualTo("archived");
        assertThat(a.location()).isNotEqualTo(b.location());
        assertThat(sha256(Paths.get(URI.create(a.location()))))
            .isEqualTo(ContentBytes.sha256("cgt-twin-a.mp4", content.size("cgt-twin-a.mp4"))).isEqualTo(a.sha256());
        assertThat(sha256(Paths.get(URI.create(b.location()))))
            .isEqualTo(ContentBytes.sha256("cgt-twin-b.mp4", content.size("cgt-twin-b.mp4"))).isEqualTo(b.sha256());
    }

    @Test
    void anExistingCopyIsNotReplacedByDifferentBytes() throws Exception {
        ContentServer content = harness.api().content();
        SimulatedTask base = liveTask(ArchivedArtifacts.tasks(content, 40, 53L));
        SimulatedTask task = withVideo(base, "cgt-kept", content.baseUrl() + "cgt-kept.mp4?" + liveSignature());
        harness.api().put(task);
        // an earlier copy under the name the task's video gets (e.g. stored by a run killed before it recorded it)
        java.time.ZonedDateTime day = java.time.Instant.ofEpochSecond(task.createdAt()).atZone(java.time.ZoneOffset.UTC);
        Path earlier = archive.resolve(String.format("default/%04d/%02d/%02d/cgt-kept/video.mp4", day.getYear(),
                day.getMonthValue(), day.getDayOfMonth()));
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "the earlier copy");

        assertThat(harness.sync(archiveUrl())).isZero();

        assertThat(Files.readAllBytes(earlier)).isEqualTo("the earlier copy".getBytes(StandardCharsets.UTF_8));
        ArchivedArtifacts.Row row = ArchivedArtifacts.rows(harness.jdbi()).get("cgt-kept/video");
        assertThat(row.status()).isEqualTo("archived");
        Path copy = Paths.get(URI.create(row.location()));
        assertThat(copy).isNotEqualTo(earlier);
        assertThat(sha256(copy)).isEqualTo(ContentBytes.sha256("cgt-kept.mp4", content.size("cgt-kept.mp4")));
    }

    /**
     * Syncs 40 tasks plus one whose video is {@code link}, with the archive on: the run ends in bounded time with
     * exit 0, every other artifact is archived or expired as it should, and the next two runs store 25 new tasks
     * each.
     *
     * @return the poisoned link's row
     */
    private ArchivedArtifacts.Row theRecordGoesOnPast(String link, String... settings) {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = new ArrayList<>(ArchivedArtifacts.tasks(content, 40, 51L));
        List<ArchivedArtifacts.Expected> expected = ArchivedArtifacts.expected(tasks);
        tasks.add(withVideo(liveTask(tasks), "cgt-poison", link));
        harness.api().putAll(tasks);
        List<String> arguments = new ArrayList<>(List.of(archiveUrl()));
        arguments.addAll(List.of(settings));

        // bounded time: each test's @Timeout (the drip once held a run for good)
        int exit = harness.sync(arguments.toArray(String[]::new));

        assertThat(exit).as("a hostile link does not fail the sync").isZero();
        ArchivedArtifacts.assertEach(harness.jdbi(), content, expected);
        ArchivedArtifacts.Row row = poisonRow();
        assertThat(row).as("the hostile link is recorded").isNotNull();

        long stored = harness.count("SELECT count(*) FROM ark.tasks");
        for (long seed : new long[] { 61L, 62L }) {
            List<SimulatedTask> later = ArchivedArtifacts.tasks(content, 25, seed);
            harness.api().putAll(later);
            assertThat(harness.sync(arguments.toArray(String[]::new))).isZero();
            long now = harness.count("SELECT count(*) FROM ark.tasks");
            assertThat(now).as("a later run syncs the new tasks").isEqualTo(stored + later.size());
            stored = now;
        }
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE items_read > 0")).isEqualTo(3);
        return poisonRow();
    }

    private ArchivedArtifacts.Row poisonRow() {
        return ArchivedArtifacts.rows(harness.jdbi()).get("cgt-poison/video");
    }

    private boolean nextAttemptAfterLastAttempt(String taskId) {
        return harness.count("SELECT count(*) FROM ark.task_artifacts WHERE task_id = '" + taskId
                + "' AND next_attempt_at > last_attempt_at") == 1;
    }

    /** A signature that the content server takes as valid for the next day. */
    private static String liveSignature() {
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        return "X-Tos-Date=" + date + "&X-Tos-Expires=86400&X-Tos-Signature=0123456789abcdef";
    }

    private static SimulatedTask liveTask(List<SimulatedTask> tasks) {
        long now = java.time.Instant.now().getEpochSecond();
        return tasks.stream().filter(t -> t.videoUrl() != null && t.updatedAt() + 86_400 > now).findFirst()
            .orElseThrow();
    }

    private static SimulatedTask withVideo(SimulatedTask task, String id, String videoUrl) {
        return new SimulatedTask(id, task.model(), task.status(), task.serviceTier(), task.createdAt(),
                task.updatedAt(), task.completionTokens(), task.totalTokens(), videoUrl, null, task.errorCode(),
                task.errorMessage(), task.errorAsFailureReason(), task.resolution(), task.ratio(), task.duration(),
                task.framesPerSecond(), task.seed(), task.extraFields());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(file)));
    }
}

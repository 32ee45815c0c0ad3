package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.ContentBytes;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SyncHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The archive step with an S3 bucket as the archive: a real S3 implementation (s3proxy) in this JVM. */
class S3ArchiveIT {

    private static final String BUCKET = "ark-archive";

    /** Above the store's 16 MiB multipart threshold: uploaded in 8 MiB parts. */
    private static final long LARGE = 40L * 1024 * 1024 + 12_345;

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @TempDir
    Path folder;

    private InProcessS3 s3;

    @BeforeEach
    void startS3() throws Exception {
        s3 = new InProcessS3(Files.createDirectories(folder.resolve("s3")), BUCKET);
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void aSyncArchivesEveryLiveOutputIntoTheBucketWithItsSha256AsMetadata() throws Exception {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 300, 21L);
        harness.api().putAll(tasks);
        List<ArchivedArtifacts.Expected> expected = ArchivedArtifacts.expected(tasks);
        ArchivedArtifacts.Expected large = expected.stream()
            .filter(a -> a.alive() && a.kind().equals("video"))
            .findFirst()
            .orElseThrow();
        content.setSize(large.object(), LARGE);
        long alive = expected.stream().filter(ArchivedArtifacts.Expected::alive).count();

        assertThat(harness.sync("--ark.archive.url=s3://" + BUCKET + "/prod/", "--ark.archive.path-style-access=true",
                "--ark.archive.spool-directory=" + folder.resolve("spool"))).isZero();

        ArchivedArtifacts.assertExact(harness.jdbi(), content, expected);
        assertThat(content.bodiesServed()).isEqualTo(alive);
        Map<String, ArchivedArtifacts.Row> rows = ArchivedArtifacts.rows(harness.jdbi());
        for (ArchivedArtifacts.Expected artifact : expected) {
            if (!artifact.alive()) {
                continue;
            }
            ArchivedArtifacts.Row row = rows.get(artifact.taskId() + "/" + artifact.kind());
            assertThat(row.location()).matches("s3://" + BUCKET + "/prod/default/\\d{4}/\\d{2}/\\d{2}/"
                    + artifact.taskId() + "/(video\\.mp4|last_frame\\.png)");
            String key = row.location().substring(("s3://" + BUCKET + "/").length());
            HeadObjectResponse head = s3.client().headObject(b -> b.bucket(BUCKET).key(key)).get();
            assertThat(head.contentLength()).isEqualTo(row.sizeBytes());
            assertThat(head.metadata()).containsEntry("sha256", row.sha256());
            assertThat(head.contentType()).isEqualTo(row.contentType());
        }
        ArchivedArtifacts.Row largeRow = rows.get(large.taskId() + "/video");
        assertThat(largeRow.sizeBytes()).isEqualTo(LARGE);
        Path copy = folder.resolve("large-copy.mp4");
        String largeKey = largeRow.location().substring(("s3://" + BUCKET + "/").length());
        s3.client().getObject(b -> b.bucket(BUCKET).key(largeKey), AsyncResponseTransformer.toFile(copy)).get();
        assertThat(sha256(copy)).isEqualTo(ContentBytes.sha256(large.object(), LARGE)).isEqualTo(largeRow.sha256());
        try (var spool = Files.list(folder.resolve("spool"))) {
            assertThat(spool).as("no spool file left").isEmpty();
        }

        long requests = content.requestCount();
        assertThat(harness.sync("--ark.archive.url=s3://" + BUCKET + "/prod", "--ark.archive.path-style-access=true",
                "--ark.archive.spool-directory=" + folder.resolve("spool"))).isZero();
        assertThat(content.requestCount()).as("a re-run fetches nothing").isEqualTo(requests);
    }

    @Test
    void anObjectWithOtherBytesIsNotReplaced() throws Exception {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 40, 22L);
        harness.api().putAll(tasks);
        ArchivedArtifacts.Expected video = ArchivedArtifacts.expected(tasks).stream()
            .filter(a -> a.alive() && a.kind().equals("video"))
            .findFirst()
            .orElseThrow();
        SimulatedTask task = tasks.stream().filter(t -> t.id().equals(video.taskId())).findFirst().orElseThrow();
        java.time.ZonedDateTime day = java.time.Instant.ofEpochSecond(task.createdAt()).atZone(java.time.ZoneOffset.UTC);
        String key = String.format("prod/default/%04d/%02d/%02d/%s/video.mp4", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), task.id());
        s3.client().putObject(b -> b.bucket(BUCKET).key(key),
                software.amazon.awssdk.core.async.AsyncRequestBody.fromString("an earlier copy")).get();

        assertThat(harness.sync("--ark.archive.url=s3://" + BUCKET + "/prod", "--ark.archive.path-style-access=true",
                "--ark.archive.spool-directory=" + folder.resolve("spool"))).isZero();

        Path earlier = folder.resolve("earlier");
        s3.client().getObject(b -> b.bucket(BUCKET).key(key), AsyncResponseTransformer.toFile(earlier)).get();
        assertThat(Files.readString(earlier)).isEqualTo("an earlier copy");
        ArchivedArtifacts.Row row = ArchivedArtifacts.rows(harness.jdbi()).get(video.taskId() + "/video");
        assertThat(row.location()).isNotEqualTo("s3://" + BUCKET + "/" + key)
            .matches("s3://" + BUCKET + "/prod/default/.*/video\\.[0-9a-f]{16}\\.mp4");
        assertThat(row.sha256()).isEqualTo(ContentBytes.sha256(video.object(), content.size(video.object())));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

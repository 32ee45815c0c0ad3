package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arktasksync.simulator.ContentBytes;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import org.jdbi.v3.core.Jdbi;

/** Test data for the archive ITs: tasks with links on the simulator's storage host, and the expected rows. */
public final class ArchivedArtifacts {

    /** One expected artifact: its kind, object on the content server, and whether its link is alive. */
    public record Expected(String taskId, String kind, String object, boolean alive) {
    }

    /** One row of ark.task_artifacts. */
    public record Row(String taskId, String kind, String status, String reason, int attempts, String sha256,
            Long sizeBytes, String contentType, String location) {
    }

    private ArchivedArtifacts() {
    }

    /**
     * {@code count} generated tasks (spread over the last 7 days) with their links moved to {@code content}; tasks
     * whose links die within a minute of now either way are left out, so the expectations cannot flip mid-test.
     */
    public static List<SimulatedTask> tasks(ContentServer content, int count, long seed) {
        long now = Instant.now().getEpochSecond();
        return SimulatedTaskGenerator.generate(count, seed, Instant.now()).stream()
            .filter(t -> Math.abs(t.updatedAt() + 86_400 - now) > 60)
            .map(content::localize)
            .toList();
    }

    public static List<Expected> expected(List<SimulatedTask> tasks) {
        long now = Instant.now().getEpochSecond();
        List<Expected> expected = new ArrayList<>();
        for (SimulatedTask task : tasks) {
            boolean alive = task.updatedAt() + 86_400 > now;
            if (task.videoUrl() != null) {
                expected.add(new Expected(task.id(), "video", ContentServer.objectOf(task.videoUrl()), alive));
            }
            if (task.lastFrameUrl() != null) {
                expected.add(new Expected(task.id(), "last_frame", ContentServer.objectOf(task.lastFrameUrl()), alive));
            }
        }
        return expected;
    }

    public static Map<String, Row> rows(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT task_id, kind, status, reason, attempts, sha256, size_bytes, content_type, location
                FROM ark.task_artifacts""")
            .map((rs, ctx) -> new Row(rs.getString("task_id"), rs.getString("kind"), rs.getString("status"),
                    rs.getString("reason"), rs.getInt("attempts"), rs.getString("sha256"),
                    (Long) rs.getObject("size_bytes"), rs.getString("content_type"), rs.getString("location")))
            .stream()
            .collect(Collectors.toMap(row -> row.taskId() + "/" + row.kind(), row -> row)));
    }

    /**
     * Every live artifact is archived once with the served bytes' sha256 and size; every dead one is expired; no
     * other row.
     */
    public static void assertExact(Jdbi jdbi, ContentServer content, List<Expected> expected) {
        assertThat(rows(jdbi)).hasSameSizeAs(expected);
        assertEach(jdbi, content, expected);
    }

    /** Every live artifact is archived once with the served bytes' sha256 and size; every dead one is expired. */
    public static void assertEach(Jdbi jdbi, ContentServer content, List<Expected> expected) {
        Map<String, Row> rows = rows(jdbi);
        for (Expected artifact : expected) {
            Row row = rows.get(artifact.taskId() + "/" + artifact.kind());
            assertThat(row).as(artifact.toString()).isNotNull();
            if (artifact.alive()) {
                long size = content.size(artifact.object());
                assertThat(row.status()).as(artifact.toString()).isEqualTo("archived");
                assertThat(row.sha256()).isEqualTo(ContentBytes.sha256(artifact.object(), size));
                assertThat(row.sizeBytes()).isEqualTo(size);
                assertThat(row.contentType()).isEqualTo(artifact.kind().equals("video") ? "video/mp4" : "image/png");
                assertThat(row.reason()).isNull();
            }
            else {
                assertThat(row.status()).as(artifact.toString()).isEqualTo("expired");
                assertThat(row.reason()).matches("signature expired at \\S+Z; not requested");
                assertThat(row.location()).isNull();
            }
        }
    }
}

package io.arktasksync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.arktasksync.archive.ArchivedArtifacts;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SyncHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code archive} command in a JVM of its own ({@code -Xmx256m}, as in production): killed with SIGKILL in the
 * middle of a download, then run again; and a video larger than the heap.
 */
class ArchiveProcessIT {

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @TempDir
    Path archive;

    private final List<ChildSync> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(ChildSync::close);
    }

    private List<ArchivedArtifacts.Expected> storeTasks(long seed) {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 150, seed);
        harness.api().putAll(tasks);
        assertThat(harness.sync()).isZero();
        return ArchivedArtifacts.expected(tasks);
    }

    private ArchivedArtifacts.Expected firstLiveVideo(List<ArchivedArtifacts.Expected> expected) {
        return expected.stream().filter(a -> a.alive() && a.kind().equals("video")).findFirst().orElseThrow();
    }

    private ChildSync startArchive() {
        List<String> arguments = new ArrayList<>();
        arguments.add("archive");
        arguments.addAll(List.of(harness.database().springArguments()));
        arguments.add("--ark.archive.url=" + archive.toUri());
        arguments.add("--ark.archive.concurrency=2");
        ChildSync child = ChildSync.start(arguments, Map.of());
        children.add(child);
        return child;
    }

    @Test
    void killedMidDownloadLeavesNoClaimAndNoPartialObjectAndTheNextRunFinishesExactly() throws Exception {
        List<ArchivedArtifacts.Expected> expected = storeTasks(31L);
        ContentServer content = harness.api().content();
        ArchivedArtifacts.Expected big = firstLiveVideo(expected);
        content.setSize(big.object(), 64L * 1024 * 1024);
        content.setBytesPerSecond(4L * 1024 * 1024);
        ChildSync child = startArchive();

        Path spool = awaitSpoolFileLargerThan(child, 4L * 1024 * 1024, Duration.ofSeconds(90));
        child.process().destroyForcibly();
        child.awaitExit(Duration.ofSeconds(20));

        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE task_id = '" + big.taskId()
                + "' AND kind = 'video'")).as("no row for the download in flight").isZero();
        try (Stream<Path> files = Files.walk(archive)) {
            assertThat(files.filter(file -> file.getFileName().toString().equals("video.mp4"))
                .filter(file -> file.getParent().getFileName().toString().equals(big.taskId())))
                .as("nothing under the final name").isEmpty();
        }
        assertThat(spool).exists();
        long archivedBeforeKill = harness.count("SELECT count(*) FROM ark.task_artifacts WHERE status = 'archived'");
        long alive = expected.stream().filter(ArchivedArtifacts.Expected::alive).count();
        long requestsBefore = content.requestCount();
        content.setBytesPerSecond(0);

        assertThat(harness.command("archive", "--ark.archive.url=" + archive.toUri())).isZero();

        ArchivedArtifacts.assertExact(harness.jdbi(), content, expected);
        assertThat(content.requestCount() - requestsBefore).as("what the killed run recorded is not fetched again")
            .isEqualTo(alive - archivedBeforeKill);
        assertThat(harness.count("SELECT max(attempts) FROM ark.task_artifacts")).isEqualTo(1);
    }

    @Test
    void sigtermDuringTheArchiveStepStopsTheRunAndTheNextRunSyncsFirstThenArchivesTheRest() throws Exception {
        ContentServer content = harness.api().content();
        List<SimulatedTask> tasks = ArchivedArtifacts.tasks(content, 150, 33L);
        harness.api().putAll(tasks);
        List<ArchivedArtifacts.Expected> expected = ArchivedArtifacts.expected(tasks);
        ArchivedArtifacts.Expected big = firstLiveVideo(expected);
        content.setSize(big.object(), 64L * 1024 * 1024);
        content.setBytesPerSecond(2L * 1024 * 1024);
        List<String> arguments = new ArrayList<>(List.of(harness.database().springArguments()));
        arguments.add("--ark.base-url=" + harness.api().baseUrl());
        arguments.add("--ark.api-key=" + SyncHarness.API_KEY);
        arguments.add("--ark.archive.url=" + archive.toUri());
        arguments.add("--ark.shutdown-grace-period=20s");
        ChildSync child = ChildSync.start(arguments, Map.of());
        children.add(child);

        awaitSpoolFileLargerThan(child, 2L * 1024 * 1024, Duration.ofSeconds(90));
        child.process().destroy();
        int exit = child.awaitExit(Duration.ofSeconds(30));

        assertThat(exit).as(child.output()).isEqualTo(143);
        assertThat(child.exitedAfter()).isLessThan(Duration.ofSeconds(85));
        List<String> runs = harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT status || ' ' || exit_code FROM ark.sync_runs").mapTo(String.class).list());
        assertThat(runs).as(child.output()).containsExactly("STOPPED 7");
        assertThat(child.output()).contains("Archive stopped: ").doesNotContain("OptimisticLocking");
        assertThat(harness.count("SELECT count(*) FROM ark.task_artifacts WHERE task_id = '" + big.taskId()
                + "' AND kind = 'video'")).isZero();
        content.setBytesPerSecond(0);
        // new tasks meanwhile: the next run must sync them (a restart of the stopped run once re-ran only its
        // archive step, as the sync step had completed)
        List<SimulatedTask> later = ArchivedArtifacts.tasks(content, 30, 34L);
        harness.api().putAll(later);
        List<ArchivedArtifacts.Expected> all = new ArrayList<>(expected);
        all.addAll(ArchivedArtifacts.expected(later));

        assertThat(harness.sync("--ark.archive.url=" + archive.toUri())).isZero();

        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(tasks.size() + later.size());
        ArchivedArtifacts.assertExact(harness.jdbi(), content, all);
        assertThat(harness.count("SELECT max(attempts) FROM ark.task_artifacts")).isEqualTo(1);
    }

    @Test
    void aVideoLargerThanTheHeapIsArchivedWithinIt() throws Exception {
        List<ArchivedArtifacts.Expected> expected = storeTasks(32L);
        ContentServer content = harness.api().content();
        ArchivedArtifacts.Expected big = firstLiveVideo(expected);
        content.setSize(big.object(), 300L * 1024 * 1024);
        ChildSync child = startArchive();

        int exit = child.awaitExit(Duration.ofMinutes(3));

        assertThat(exit).as(child.output()).isZero();
        assertThat(child.output()).doesNotContain("OutOfMemoryError");
        ArchivedArtifacts.assertExact(harness.jdbi(), content, expected);
        assertThat(harness.count("SELECT size_bytes FROM ark.task_artifacts WHERE task_id = '" + big.taskId()
                + "' AND kind = 'video'")).isEqualTo(300L * 1024 * 1024);
    }

    private Path awaitSpoolFileLargerThan(ChildSync child, long bytes, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path incoming = archive.resolve(".incoming");
        while (System.nanoTime() < deadline) {
            if (!child.process().isAlive()) {
                throw new AssertionError("the child exited early with " + child.process().exitValue() + ":\n"
                        + child.output());
            }
            if (Files.isDirectory(incoming)) {
                try (Stream<Path> files = Files.list(incoming)) {
                    Path large = files.filter(file -> size(file) > bytes).findFirst().orElse(null);
                    if (large != null) {
                        return large;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no download grew past " + bytes + " bytes in " + timeout + ":\n" + child.output());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            if (!Files.exists(file)) {
                return 0;
            }
            throw new UncheckedIOException(e);
        }
    }
}

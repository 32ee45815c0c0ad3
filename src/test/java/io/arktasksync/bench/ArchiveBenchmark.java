package io.arktasksync.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.arktasksync.ArkTaskSyncApplication;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * Archive throughput (issue 14), run by {@code src/bench/archive-throughput.sh}: the simulator's storage host serves
 * N live videos of a given size (plus their last frames) on loopback; the tasks are synced into an empty database
 * (not timed); then the same links are fetched by a plain {@code curl -o} loop, by {@code xargs -P} running curl
 * with the archive's concurrency, and by the real jar's {@code archive} command at {@code -Xmx256m} into a folder.
 * Prints one row each: wall time, files/s, MB/s. The jar's row includes its JVM start-up and the run lock.
 */
public final class ArchiveBenchmark {

    private static final String KEY = "bench-key";

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int videos = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long videoBytes = (long) (Double.parseDouble(args.length > 1 ? args[1] : "8") * 1024 * 1024);
        String jar = args.length > 2 ? args[2] : "target/ark-task-sync.jar";
        int concurrency = Integer.getInteger("bench.concurrency", 4);
        Path work = Files.createTempDirectory("archive-bench-");
        try (ArkSimulator api = ArkSimulator.start("/api/v3", KEY); TestDatabase db = TestDatabase.create()) {
            ContentServer content = api.content();
            long now = Instant.now().getEpochSecond();
            List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(videos * 20, 5L, Instant.now()).stream()
                .filter(t -> t.videoUrl() != null && t.updatedAt() > now - 20 * 3600)
                .limit(videos)
                .map(content::localize)
                .toList();
            if (tasks.size() < videos) {
                throw new IllegalStateException("only " + tasks.size() + " live tasks generated");
            }
            for (SimulatedTask task : tasks) {
                content.setSize(ContentServer.objectOf(task.videoUrl()), videoBytes);
            }
            api.putAll(tasks);
            List<String> sync = new ArrayList<>(List.of("--ark.base-url=" + api.baseUrl(), "--ark.api-key=" + KEY));
            sync.addAll(List.of(db.springArguments()));
            if (ArkTaskSyncApplication.run(sync.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the sync of the benchmark's tasks failed");
            }
            Jdbi jdbi = db.jdbi();
            List<String> links = jdbi.withHandle(h -> h.createQuery("""
                    SELECT url FROM ark.tasks, LATERAL (VALUES (video_url), (last_frame_url)) AS l(url)
                    WHERE url IS NOT NULL ORDER BY id""").mapTo(String.class).list());
            Path linkFile = work.resolve("links.txt");
            Files.write(linkFile, links);
            long totalBytes = links.stream().mapToLong(url -> content.size(ContentServer.objectOf(url))).sum();
            System.out.printf("%d files, %.1f MB in all (%d videos of %.1f MB and their last frames), concurrency %d%n",
                    links.size(), totalBytes / 1048576.0, videos, videoBytes / 1048576.0, concurrency);

            Path curlDir = Files.createDirectories(work.resolve("curl"));
            double curlLoop = time("bash", "-c", "i=0; while read -r url; do i=$((i+1)); "
                    + "curl -sSf -o \"$1/$i\" \"$url\" || exit 1; done < \"$2\"", "loop", curlDir.toString(),
                    linkFile.toString());
            checkBytes(curlDir, totalBytes);
            Path xargsDir = Files.createDirectories(work.resolve("xargs"));
            double curlParallel = time("bash", "-c", "nl -ba \"$2\" | xargs -P \"$3\" -L 1 sh -c "
                    + "'curl -sSf -o \"$0/$1\" \"$2\"' \"$1\"", "xargs", xargsDir.toString(), linkFile.toString(),
                    Integer.toString(concurrency));
            checkBytes(xargsDir, totalBytes);

            Path archiveDir = work.resolve("archive");
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-Xmx256m", "-jar", jar, "archive"));
            command.addAll(List.of(db.springArguments()));
            command.add("--ark.archive.url=" + archiveDir.toUri());
            command.add("--ark.archive.concurrency=" + concurrency);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String done = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains("Archive done")) {
                        done = line.substring(line.indexOf("Archive done"));
                    }
                }
            }
            int exit = process.waitFor();
            double archive = (System.nanoTime() - start) / 1e9;
            long archived = jdbi.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM ark.task_artifacts WHERE status = 'archived'").mapTo(Long.class).one());
            if (exit != 0 || archived != links.size()) {
                throw new IllegalStateException("archive exit " + exit + ", " + archived + " archived: " + done);
            }

            System.out.println("| what | wall time | files/s | MB/s |");
            System.out.println("|---|--:|--:|--:|");
            row("`curl -o` loop, one at a time", curlLoop, links.size(), totalBytes);
            row("`xargs -P " + concurrency + " curl -o`", curlParallel, links.size(), totalBytes);
            row("ark-task-sync `archive` (JVM start included, -Xmx256m, concurrency " + concurrency + ")", archive,
                    links.size(), totalBytes);
            System.out.println("archive: " + done);
        }
        finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double time(String... command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void checkBytes(Path folder, long expected) throws Exception {
        long bytes;
        try (Stream<Path> files = Files.list(folder)) {
            bytes = files.mapToLong(file -> file.toFile().length()).sum();
        }
        if (bytes != expected) {
            throw new IllegalStateException(folder + " holds " + bytes + " bytes, expected " + expected);
        }
    }

    private static void row(String what, double seconds, int files, long bytes) {
        System.out.printf("| %s | %.2f s | %.1f | %.1f |%n", what, seconds, files / seconds, bytes / 1048576.0 / seconds);
    }
}

package io.arktasksync.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.TestDatabase;

/**
 * Peak heap of the real jar at {@code -Xmx256m} (issue 19), each case a full sync into an empty database: N tasks
 * as they are, then the same N with one 64 MB item, with one item making its page 300 MB, and with one item whose
 * JSON breaks its page's structure. The simulator streams the filler, so this JVM never holds it. Run by
 * {@code src/bench/hostile-heap.sh}; figures in src/docs/failure-modes.md.
 */
public final class HostileHeapBenchmark {

    private static final String KEY = "bench-key";

    private static final long MB = 1024 * 1024;

    private static final Pattern SUMMARY = Pattern.compile("Sync run \\d+ (\\w+) \\(exit (\\d+)\\) in ([\\d.]+) s: .*?"
            + "heap_peak_mb=(\\d+)");

    private HostileHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        String jar = args.length > 1 ? args[1] : "target/ark-task-sync.jar";
        List<SimulatedTask> data = SettledTasks.generate(tasks, 42L, Instant.now(), 200);
        SimulatedTask middle = data.get(tasks / 2);
        String huge = "{\"id\":\"cgt-huge\",\"model\":\"m\",\"status\":\"succeeded\",\"created_at\":" + middle.createdAt()
                + ",\"updated_at\":" + middle.updatedAt() + ",\"revised_prompt\":\"@FILL@\"}";
        System.out.printf(Locale.ROOT, "tasks %,d, -Xmx256m, defaults (ARK_MAX_ITEM_BYTES 4MB, ARK_MAX_PAGE_BYTES 32MB)%n",
                tasks);
        run("as they are", jar, data, api -> { });
        run("one 64 MB item", jar, data, api -> api.putStretched("huge", huge, "@FILL@", 64 * MB, 'a',
                middle.createdAt(), middle.serviceTier()));
        run("one 300 MB page body", jar, data, api -> api.putStretched("huge", huge, "@FILL@", 300 * MB, 'a',
                middle.createdAt(), middle.serviceTier()));
        run("JSON broken mid-page", jar, data, api -> api.putRaw("broken",
                "{\"id\":\"cgt-broken\",\"x\":[1,2}", middle.createdAt(), middle.serviceTier()));
    }

    private static long count(TestDatabase db, String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = db.connect();
                java.sql.ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void run(String what, String jar, List<SimulatedTask> data,
            java.util.function.Consumer<ArkSimulator> hostile) throws Exception {
        try (ArkSimulator api = ArkSimulator.start("/api/v3", KEY); TestDatabase db = TestDatabase.create()) {
            api.putAll(data);
            hostile.accept(api);
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-Xmx256m", "-jar", jar, "--ark.base-url=" + api.baseUrl(),
                    "--ark.api-key=" + KEY));
            command.addAll(List.of(db.springArguments()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String summary = null;
            boolean oom = false;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    summary = line.contains("Sync run") ? line : summary;
                    oom |= line.contains("OutOfMemoryError");
                }
            }
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            Matcher m = summary == null ? null : SUMMARY.matcher(summary);
            String heap = m != null && m.find() ? m.group(4) + " MB" : "?";
            long stored = count(db, "SELECT count(*) FROM ark.tasks");
            long rejects = count(db, "SELECT count(*) FROM ark.task_rejects");
            System.out.printf(Locale.ROOT, "%-22s exit %d  peak heap %s  wall %.1f s  stored %,d  rejects %d%s%n", what,
                    exit, heap, wall, stored, rejects, oom ? "  OutOfMemoryError" : "");
        }
    }
}

package io.arktasksync.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
import io.arktasksync.schema.ArkSchema;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The full-sync benchmark of issue 5: syncs N simulated tasks (default 250,000) from a loopback simulator into an
 * empty database with the real jar in its own JVM ({@code -Xmx256m}, start-up included), re-runs it in full and then
 * incrementally with nothing changed, then in full with every {@code last_seen_at} due for its refresh (as the
 * periodic 24 h full run finds them), and measures in the same run the floor: fetching every page once without parsing, plus {@code COPY} of
 * the same rows into the same tables. Also runs, against the same simulator and into an empty database of its own,
 * the hand-written comparisons {@code src/bench/naive-curl-jq-psql.sh} and its narrow variant
 * {@code src/bench/naive-narrow-curl-jq-psql.sh} (system properties {@code bench.naive} and {@code bench.narrow}:
 * another script path, or empty to leave it out). Prints one table. Run it with {@code src/bench/benchmark.sh [tasks]}.
 */
public final class FullSyncBenchmark {

    private static final String KEY = "bench-key";

    private static final Pattern SUMMARY = Pattern.compile("Sync run \\d+ (\\w+) \\(exit (\\d+)\\) in ([\\d.]+) s: .*?"
            + "requests=(\\d+).*?heap_peak_mb=(\\d+)");

    private static int jarRuns;

    private FullSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        String jar = args.length > 1 ? args[1] : "target/ark-task-sync.jar";
        String heap = System.getProperty("bench.xmx", "256m");
        // Realistic: only the newest 200 tasks still queued or running (the incremental run re-checks each).
        List<SimulatedTask> data = SettledTasks.generate(tasks, 42L, Instant.now(), 200);
        try (ArkSimulator api = ArkSimulator.start("/api/v3", KEY)) {
            api.putAll(data);
            warmUp(api);

            double fetch = fetchAllPagesUnparsed(api);
            double copy;
            try (TestDatabase floorDb = TestDatabase.create()) {
                migrate(floorDb);
                copy = copyRows(floorDb, data);
            }

            // The hand-written comparisons, each into an empty database of its own: all columns, then narrow ones
            List<ScriptRun> scripts = new ArrayList<>();
            for (String script : List.of(System.getProperty("bench.naive", "src/bench/naive-curl-jq-psql.sh"),
                    System.getProperty("bench.narrow", "src/bench/naive-narrow-curl-jq-psql.sh"))) {
                if (!script.isBlank()) {
                    try (TestDatabase scriptDb = TestDatabase.create()) {
                        api.resetRequests();
                        scripts.add(ScriptRun.run(script, api, KEY, scriptDb));
                    }
                }
            }

            try (TestDatabase db = TestDatabase.create()) {
                api.resetRequests();
                Run first = runJar(jar, heap, api, db);
                Run second = runJar(jar, heap, api, db, "--ark.full-scan=true");
                Run third = runJar(jar, heap, api, db);
                // As the periodic 24 h full run finds it: every last_seen_at older than ARK_LAST_SEEN_RESOLUTION
                Run fourth = runJar(jar, heap, api, db, "--ark.full-scan=true", "--ark.last-seen-resolution=1s");
                double floor = fetch + copy;
                System.out.println();
                System.out.printf(Locale.ROOT, "tasks                      %,d%n", tasks);
                System.out.printf(Locale.ROOT, "floor: fetch unparsed      %.2f s%n", fetch);
                System.out.printf(Locale.ROOT, "floor: COPY same rows      %.2f s%n", copy);
                System.out.printf(Locale.ROOT, "floor: total               %.2f s%n", floor);
                scripts.forEach(script -> script.print(tasks, floor));
                print("full sync, empty database     ", first, tasks, floor);
                print("full re-run, nothing changed  ", second, tasks, floor);
                print("incremental, nothing changed  ", third, tasks, floor);
                print("full re-run, last_seen due    ", fourth, tasks, floor);
                System.out.printf(Locale.ROOT, "full re-run job time / full sync job time: %.1f%%%n",
                        100.0 * second.jobSeconds / first.jobSeconds);
                System.out.printf(Locale.ROOT, "full re-run with last_seen_at due / full sync job time: %.1f%%%n",
                        100.0 * fourth.jobSeconds / first.jobSeconds);
                System.out.printf(Locale.ROOT, "incremental requests / full requests: %.1f%%%n",
                        100.0 * third.requests / first.requests);
                for (ScriptRun script : scripts) {
                    if (script.exitCode() == 0) {
                        System.out.printf(Locale.ROOT, "%s / full sync (wall): %.2fx%n", script.name(),
                                script.wallSeconds() / first.wallSeconds);
                    }
                }
            }
        }
    }

    private static void print(String what, Run run, int tasks, double floor) {
        System.out.printf(Locale.ROOT,
                "%s  wall %.2f s (job %.2f s)  %,.0f tasks/s  peak heap %d MB (-Xmx%s)  requests %d  exit %d  "
                        + "wall/floor %.2f%n",
                what, run.wallSeconds, run.jobSeconds, tasks / run.wallSeconds, run.heapPeakMb,
                System.getProperty("bench.xmx", "256m"), run.requests, run.exitCode, run.wallSeconds / floor);
    }

    private static void warmUp(ArkSimulator api) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String tier : new String[] { "default", "flex" }) {
            http.send(request(api, tier, 1), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Every page of both tiers, bodies read to the end and dropped: the network and server part of the floor. */
    private static double fetchAllPagesUnparsed(ArkSimulator api) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        for (String tier : new String[] { "default", "flex" }) {
            for (int page = 1;; page++) {
                HttpResponse<byte[]> response = http.send(request(api, tier, page), HttpResponse.BodyHandlers.ofByteArray());
                // 500 items of about 1 KB; a body this short holds "items":[] and ends the listing.
                if (response.body().length < 100) {
                    break;
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static HttpRequest request(ArkSimulator api, String tier, int page) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + "/contents/generations/tasks?page_num=" + page
                + "&page_size=500&filter.service_tier=" + tier)).header("Authorization", "Bearer " + KEY).build();
    }

    private static void migrate(TestDatabase db) {
        ArkSchema.configure(Flyway.configure())
            .dataSource(db.url(), db.user(), db.password())
            .load()
            .migrate();
    }

    /** COPY of the rows a sync writes (tasks with raw jsonb, usage, history), prepared before the clock starts. */
    private static double copyRows(TestDatabase db, List<SimulatedTask> data) throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        StringBuilder tasks = new StringBuilder();
        StringBuilder usage = new StringBuilder();
        StringBuilder history = new StringBuilder();
        String now = Instant.now().toString();
        for (SimulatedTask t : data) {
            String raw = mapper.writeValueAsString(t.toJson(mapper));
            String created = Instant.ofEpochSecond(t.createdAt()).toString();
            String updated = Instant.ofEpochSecond(t.updatedAt()).toString();
            csv(tasks, t.id(), "default", t.model(), t.status(), t.serviceTier(), t.videoUrl(), t.lastFrameUrl(), null,
                    t.errorCode(), t.errorMessage(), t.resolution(), t.ratio(), str(t.duration()), null,
                    str(t.framesPerSecond()), str(t.seed()), created, updated, now, now, now, null, "1", raw);
            if (t.totalTokens() != null) {
                csv(usage, t.id(), str(t.completionTokens()), str(t.totalTokens()), null, now);
            }
            csv(history, t.id(), "1", now, t.status(), updated, str(t.completionTokens()), str(t.totalTokens()),
                    t.videoUrl(), t.lastFrameUrl(), t.errorCode(), t.errorMessage());
        }
        byte[] taskBytes = tasks.toString().getBytes(StandardCharsets.UTF_8);
        byte[] usageBytes = usage.toString().getBytes(StandardCharsets.UTF_8);
        byte[] historyBytes = history.toString().getBytes(StandardCharsets.UTF_8);
        try (Connection connection = db.connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            copy.copyIn("COPY ark.tasks (id, account, model, status, service_tier, video_url, last_frame_url, file_url, "
                    + "error_code, error_message, resolution, ratio, duration, frames, fps, seed, created_at, updated_at, "
                    + "first_seen_at, last_seen_at, last_changed_at, gone_at, first_run_id, raw) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(taskBytes));
            copy.copyIn("COPY ark.task_usage (task_id, completion_tokens, total_tokens, tool_usage, recorded_at) "
                    + "FROM STDIN (FORMAT csv)", new ByteArrayInputStream(usageBytes));
            copy.copyIn("COPY ark.task_history (task_id, run_id, observed_at, status, task_updated_at, completion_tokens, "
                    + "total_tokens, video_url, last_frame_url, error_code, error_message) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(historyBytes));
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static void csv(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (values[i] != null) {
                out.append('"').append(values[i].replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private static Run runJar(String jar, String heap, ArkSimulator api, TestDatabase db, String... extra)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
        // -Dbench.jfr=<dir>: a JFR recording (profile settings) of each run of the jar, for finding where time goes
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr + "/run-" + (++jarRuns) + ".jfr");
        }
        command.addAll(List.of("-jar", jar, "--ark.base-url=" + api.baseUrl(), "--ark.api-key=" + KEY));
        command.addAll(List.of(db.springArguments()));
        command.addAll(List.of(extra));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("Sync run")) {
                    summary = line;
                }
            }
        }
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        Matcher m = summary == null ? null : SUMMARY.matcher(summary);
        if (m == null || !m.find()) {
            throw new IllegalStateException("No summary line from the job (exit " + exit + "): " + summary);
        }
        return new Run(wall, Double.parseDouble(m.group(3)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)));
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private record Run(double wallSeconds, double jobSeconds, int exitCode, long requests, long heapPeakMb) {
    }
}

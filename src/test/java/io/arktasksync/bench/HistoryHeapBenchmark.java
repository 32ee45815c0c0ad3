package io.arktasksync.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arktasksync.schema.ArkSchema;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.TestDatabase;
import org.flywaydb.core.Flyway;

/**
 * Peak heap of a full sync at {@code -Xmx256m} for an account with months of stored history: the database already
 * holds H tasks of the account created 10 to 400 days ago (what a year of syncing leaves), and the API lists N
 * recent ones. A full run compares what it lists with what is stored; what it holds for that must not grow with the
 * history the API no longer lists. Each jar given is run on the same data, side by side. Run by
 * {@code src/bench/history-heap.sh}; figures in src/docs/failure-modes.md.
 */
public final class HistoryHeapBenchmark {

    private static final String KEY = "bench-key";

    private static final Pattern HEAP = Pattern.compile("heap_peak_mb=(\\d+)");

    private HistoryHeapBenchmark() {
    }

    /** Arguments: history tasks, listed tasks, then one or more jars. */
    public static void main(String[] args) throws Exception {
        int history = Integer.parseInt(args[0]);
        int listed = Integer.parseInt(args[1]);
        System.out.printf(Locale.ROOT, "stored history %,d tasks (10-400 days old), listed %,d, -Xmx256m, full run%n",
                history, listed);
        for (int i = 2; i < args.length; i++) {
            run(args[i], history, listed);
        }
    }

    private static void run(String jar, int history, int listed) throws Exception {
        try (ArkSimulator api = ArkSimulator.start("/api/v3", KEY); TestDatabase db = TestDatabase.create()) {
            api.putAll(SettledTasks.generate(listed, 42L, Instant.now(), 200));
            ArkSchema.configure(Flyway.configure()).dataSource(db.url(), db.user(), db.password()).load().migrate();
            try (Connection connection = db.connect()) {
                connection.createStatement().execute("""
                        INSERT INTO ark.tasks (id, account, model, status, created_at, updated_at, first_seen_at,
                                               last_seen_at, last_changed_at, raw, content_hash)
                        SELECT 'cgt-history-' || i, 'default', 'doubao-seedance-1-0-pro-250528', 'succeeded',
                               now() - interval '10 days' - mod(i, 390) * interval '1 day', now() - interval '10 days',
                               now(), now(), now(), '{}'::jsonb, md5(i::text)::uuid
                        FROM generate_series(1, %d) AS i
                        """.formatted(history));
            }
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                    + File.separator + "java", "-Xmx256m", "-jar", jar, "--ark.base-url=" + api.baseUrl(),
                    "--ark.api-key=" + KEY));
            command.addAll(List.of(db.springArguments()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String heap = "?";
            boolean oom = false;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = HEAP.matcher(line);
                    heap = line.contains("Sync run") && m.find() ? m.group(1) + " MB" : heap;
                    oom |= line.contains("OutOfMemoryError");
                }
            }
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            long stored;
            try (Connection connection = db.connect(); ResultSet result = connection.createStatement()
                .executeQuery("SELECT count(*) FROM ark.tasks WHERE id NOT LIKE 'cgt-history-%'")) {
                result.next();
                stored = result.getLong(1);
            }
            System.out.printf(Locale.ROOT, "%-40s exit %d  peak heap %s  wall %.1f s  listed tasks stored %,d%s%n", jar,
                    exit, heap, wall, stored, oom ? "  OutOfMemoryError" : "");
        }
    }
}

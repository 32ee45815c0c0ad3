package io.arktasksync.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.support.TestDatabase;

/**
 * One timed run of a hand-written comparison script ({@code src/bench/naive-curl-jq-psql.sh} or its narrow variant)
 * against the simulator into a database of its own, for {@link FullSyncBenchmark}'s table.
 *
 * @param name the script's file name without {@code .sh}: the row's label
 * @param lastLine the script's last output line: its own summary, or why it failed
 */
record ScriptRun(String name, double wallSeconds, int exitCode, long requests, String lastLine) {

    /**
     * Runs {@code script} and times it. Its output is echoed as it comes; a non-zero exit (a missing tool, a failed
     * row-count check) is kept for the table, not thrown, so the rest of the benchmark still runs.
     */
    static ScriptRun run(String script, ArkSimulator api, String key, TestDatabase db) throws Exception {
        // libpq takes the JDBC URL without its prefix; JDBC-only parameters would not be understood.
        String url = db.url().substring("jdbc:".length());
        if (url.indexOf('?') >= 0) {
            url = url.substring(0, url.indexOf('?'));
        }
        ProcessBuilder builder = new ProcessBuilder("bash", script, api.baseUrl(), key, url).redirectErrorStream(true);
        if (db.user() != null) {
            builder.environment().put("PGUSER", db.user());
            builder.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        }
        System.out.println("running " + script + " ...");
        long start = System.nanoTime();
        Process process = builder.start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("  | " + line);
                last = line;
            }
        }
        int exit = process.waitFor();
        String name = Path.of(script).getFileName().toString().replaceFirst("\\.sh$", "");
        return new ScriptRun(name, (System.nanoTime() - start) / 1e9, exit, api.requestCount(), last);
    }

    void print(int tasks, double floor) {
        String label = String.format(Locale.ROOT, "%-30s", name);
        if (exitCode != 0) {
            System.out.printf(Locale.ROOT, "%s FAILED (exit %d) after %.2f s: %s%n", label, exitCode, wallSeconds,
                    lastLine);
            return;
        }
        System.out.printf(Locale.ROOT, "%s wall %.2f s  %,.0f tasks/s  requests %d  exit 0  wall/floor %.2f%n", label,
                wallSeconds, tasks / wallSeconds, requests, wallSeconds / floor);
        System.out.println("  " + lastLine);
    }
}

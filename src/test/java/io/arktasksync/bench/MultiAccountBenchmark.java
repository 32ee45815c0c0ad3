package io.arktasksync.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.arktasksync.ArkTaskSyncApplication;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * Many accounts in one process (issue 10): N loopback simulators (default 20) of T tasks each (default 2,500), synced
 * by one application run with the account list on the command line, into one database. Measures a full run at
 * concurrency 1 and 4, incremental runs with nothing changed at 1 request/s per account (Ark's pacing, the limit that
 * matters at scale) at concurrency 1, 4 and N, and the bytes per row of each table. In-process: the simulators share
 * the JVM (and the machine's two cores) with the sync. Run it with {@code src/bench/multi-account.sh [accounts]
 * [tasks]}.
 */
public final class MultiAccountBenchmark {

    private static final String KEY = "bench-key";

    private MultiAccountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int tasksPerAccount = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
        List<ArkSimulator> apis = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            for (int i = 0; i < accounts; i++) {
                ArkSimulator api = ArkSimulator.start("/api/v3", KEY);
                // the newest 20 tasks of each account still queued or running: the incremental run re-checks them
                api.putAll(SettledTasks.generate(tasksPerAccount, 1000L + i, Instant.now(), 20).stream()
                    .filter(task -> ids.add(task.id()))
                    .toList());
                apis.add(api);
            }
            long total = apis.stream().mapToLong(ArkSimulator::size).sum();
            System.out.printf(Locale.ROOT, "%d accounts x %,d tasks = %,d tasks%n", accounts, tasksPerAccount, total);
            for (int concurrency : new int[] { 1, 4 }) {
                try (TestDatabase db = TestDatabase.create()) {
                    Result full = run(apis, db, concurrency, "--ark.full-scan=true");
                    print("full, empty database", concurrency, "none", full, total);
                    if (concurrency == 4) {
                        sizes(db, total);
                        for (int paced : new int[] { 1, 4, accounts }) {
                            Result incremental = run(apis, db, paced, "--ark.max-requests-per-second=1");
                            print("incremental, nothing changed", paced, "1 req/s", incremental, total);
                        }
                    }
                }
            }
        }
        finally {
            apis.forEach(ArkSimulator::close);
        }
    }

    private record Result(int exitCode, double seconds, long requests) {
    }

    private static Result run(List<ArkSimulator> apis, TestDatabase db, int concurrency, String... more) {
        apis.forEach(ArkSimulator::resetRequests);
        List<String> arguments = new ArrayList<>(List.of(db.springArguments()));
        arguments.add("--ark.account-concurrency=" + concurrency);
        arguments.add("--ark.progress-every-pages=0");
        arguments.add("--logging.level.root=WARN");
        for (int i = 0; i < apis.size(); i++) {
            arguments.add("--ark.accounts[" + i + "].name=account-" + i);
            arguments.add("--ark.accounts[" + i + "].base-url=" + apis.get(i).baseUrl());
            arguments.add("--ark.accounts[" + i + "].api-key=" + KEY);
        }
        arguments.addAll(List.of(more));
        long start = System.nanoTime();
        int exitCode = ArkTaskSyncApplication.run(arguments.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(exitCode, seconds, apis.stream().mapToLong(ArkSimulator::requestCount).sum());
    }

    private static void print(String what, int concurrency, String pacing, Result result, long tasks) {
        System.out.printf(Locale.ROOT, "%-30s concurrency %2d  pacing %-7s  wall %7.2f s  %,8.0f tasks/s  "
                + "requests %5d  exit %d%n", what, concurrency, pacing, result.seconds, tasks / result.seconds,
                result.requests, result.exitCode);
    }

    /** Bytes per row of each table (heap, indexes and TOAST), for the yearly arithmetic of src/docs/scaling.md. */
    private static void sizes(TestDatabase db, long tasks) {
        Jdbi jdbi = db.jdbi();
        jdbi.useHandle(h -> {
            h.execute("VACUUM ANALYZE");
            for (String table : List.of("ark.tasks", "ark.task_usage", "ark.task_history", "ark.sync_runs",
                    "ark.sync_ledger")) {
                long rows = h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
                long bytes = h.createQuery("SELECT pg_total_relation_size('" + table + "')").mapTo(Long.class).one();
                long heap = h.createQuery("SELECT pg_relation_size('" + table + "')").mapTo(Long.class).one();
                System.out.printf(Locale.ROOT, "%-17s rows %,9d  total %,12d B  %,6d B/row (heap %,6d B/row)%n",
                        table, rows, bytes, rows == 0 ? 0 : bytes / rows, rows == 0 ? 0 : heap / rows);
            }
            System.out.printf(Locale.ROOT, "(%,d tasks)%n", tasks);
        });
    }
}

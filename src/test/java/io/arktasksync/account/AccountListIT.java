package io.arktasksync.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.arktasksync.config.Shard;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process, several accounts: the list comes from a YAML file imported with {@code spring.config.import}, the
 * keys from mounted secret files ({@code configtree:}), never from the file.
 */
class AccountListIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final List<String> NAMES = List.of("alpha", "beta", "gamma");

    @TempDir
    Path directory;

    private TestDatabase database;

    private Jdbi jdbi;

    private final Map<String, ArkSimulator> apis = new ConcurrentHashMap<>();

    /** When each account's API received requests: first and last, in nanoseconds. */
    private final Map<String, long[]> requestSpans = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        jdbi = database.jdbi();
        long seed = 81;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (String name : NAMES) {
            ArkSimulator api = ArkSimulator.start("/api/v3", "key-of-" + name);
            List<SimulatedTask> tasks = SettledTasks.generate(600, seed++, NOW, 5).stream()
                .filter(task -> ids.add(task.id()))
                .toList();
            api.putAll(tasks);
            // slow enough for the runs of accounts to overlap when they may: gamma's one request takes a second
            api.setResponseDelay(Duration.ofMillis(name.equals("gamma") ? 1_000 : 15));
            api.beforeEachRequest(() -> requestSpans.merge(name, new long[] { System.nanoTime(), System.nanoTime() },
                    (span, now) -> new long[] { span[0], now[1] }));
            apis.put(name, api);
        }
    }

    @AfterEach
    void tearDown() {
        apis.values().forEach(ArkSimulator::close);
        database.close();
    }

    @Test
    void shouldSyncEveryAccountButTheOneWithAWrongKeyAndNameIt() throws IOException {
        // given: gamma's mounted key is not the one its API accepts
        List<String> arguments = configuredWith("revoked-key");

        // when
        CapturedRun run = CapturedRun.of(arguments.toArray(String[]::new));

        // then: the refused key's exit code, and a summary naming the account and why
        assertThat(run.exitCode()).as("exit code; errors logged:%n%s", run.out().lines()
            .filter(line -> line.contains(" ERROR ")).collect(Collectors.joining("\n"))).isEqualTo(3);
        assertThat(run.out()).containsPattern("Accounts: 2 of 3 synced; failed: gamma \\(exit 3: .*\\)");
        assertThat(run.out()).doesNotContain("revoked-key").doesNotContain("key-of-alpha");
        // interleaved runs: each line of an account's run names it
        for (String name : NAMES) {
            assertThat(run.out()).containsPattern("(?m)^\\S+ (INFO|WARN|ERROR) +\\[" + name + "\\] Sync run");
        }
        assertThat(run.out()).containsPattern("(?m)^\\S+ INFO +\\[alpha\\] Full run");
        for (String name : List.of("alpha", "beta")) {
            assertThat(storedIds(name)).as(name).isEqualTo(apiIds(name));
        }
        assertThat(storedIds("gamma")).isEmpty();
        assertThat(runs()).containsEntry("alpha", "COMPLETED").containsEntry("beta", "COMPLETED")
            .containsEntry("gamma", "FAILED");
        // never more than two accounts at once: neither their runs nor their APIs' requests
        assertThat(mostAtOnce(runSpans())).isEqualTo(2);
        assertThat(mostAtOnce(requestSpans.values())).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldSplitTheAccountsBetweenShardsSoThatEachIsSyncedOnce() throws IOException {
        // given: a pool of one connection, which the first account's run lock alone would take
        List<String> arguments = configuredWith("key-of-gamma");
        arguments.add("--spring.datasource.hikari.maximum-pool-size=1");

        // when: both shards of two, as the two pods of an Indexed Job would (one by ARK_SHARD, one by the index)
        List<String> first = new ArrayList<>(arguments);
        first.add("--ark.shard=0/2");
        List<String> second = new ArrayList<>(arguments);
        second.add("--ark.shard-count=2");
        second.add("--JOB_COMPLETION_INDEX=1");
        CapturedRun one = CapturedRun.of(first.toArray(String[]::new));
        CapturedRun two = CapturedRun.of(second.toArray(String[]::new));

        // then: every account synced exactly once, by the shard its name hashes to
        assertThat(one.exitCode()).isZero();
        assertThat(two.exitCode()).isZero();
        List<String> synced = jdbi.withHandle(h -> h.createQuery("SELECT account FROM ark.sync_runs ORDER BY account")
            .mapTo(String.class).list());
        assertThat(synced).containsExactlyElementsOf(NAMES);
        for (String name : NAMES) {
            assertThat(storedIds(name)).as(name).isEqualTo(apiIds(name));
            assertThat((Shard.shardOf(name, 2) == 0 ? one : two).out()).as(name)
                .containsPattern("Sync run \\d+ COMPLETED \\(exit 0\\) in [\\d.]+ s: account=" + name + " ");
        }
    }

    /** The YAML account list and a configtree directory of keys, gamma's as given; the arguments to import them. */
    private List<String> configuredWith(String gammaKey) throws IOException {
        Path keys = Files.createDirectories(directory.resolve("keys"));
        Files.writeString(keys.resolve("alpha-key"), "key-of-alpha\n");
        Files.writeString(keys.resolve("beta-key"), "key-of-beta");
        Files.writeString(keys.resolve("gamma-key"), gammaKey);
        StringBuilder yaml = new StringBuilder("ark:\n  account-concurrency: 2\n  page-size: 50\n  accounts:\n");
        for (String name : NAMES) {
            yaml.append("    - name: ").append(name).append('\n')
                .append("      base-url: ").append(apis.get(name).baseUrl()).append('\n')
                .append("      api-key: ${").append(name).append("-key}\n");
        }
        Path config = Files.writeString(directory.resolve("accounts.yaml"), yaml.toString());
        List<String> arguments = new ArrayList<>(List.of(database.springArguments()));
        arguments.add("--spring.config.import=file:" + config + ",configtree:" + keys + "/");
        return arguments;
    }

    /** The most spans [first, last] that hold one same instant. */
    private static int mostAtOnce(java.util.Collection<long[]> spans) {
        int most = 0;
        for (long[] span : spans) {
            for (long instant : span) {
                int busy = (int) spans.stream().filter(other -> other[0] <= instant && instant <= other[1]).count();
                most = Math.max(most, busy);
            }
        }
        return most;
    }

    /** Each account's run, from ark.sync_runs: started and finished, in microseconds. */
    private List<long[]> runSpans() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT (extract(epoch FROM started_at) * 1000000)::bigint, (extract(epoch FROM finished_at) * 1000000)::bigint
                FROM ark.sync_runs""")
            .map((rs, ctx) -> new long[] { rs.getLong(1), rs.getLong(2) })
            .list());
    }

    private Map<String, String> runs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account, status FROM ark.sync_runs")
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private Set<String> storedIds(String account) {
        return Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT id FROM ark.tasks WHERE account = :a")
            .bind("a", account)
            .mapTo(String.class)
            .list()));
    }

    private Set<String> apiIds(String account) {
        return apis.get(account).tasks().stream().map(SimulatedTask::id).collect(Collectors.toSet());
    }
}

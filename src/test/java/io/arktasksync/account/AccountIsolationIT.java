package io.arktasksync.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.arktasksync.ArkTaskSyncApplication;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.FailFromRequest;
import io.arktasksync.support.SettledTasks;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two Ark accounts synced into one database, each configured the old way (ARK_BASE_URL, ARK_API_KEY, ARK_ACCOUNT):
 * account "default" (no ARK_ACCOUNT) on the harness's simulator, account "beta" on a second one. Every decision
 * and write of a run belongs to its own account.
 */
class AccountIsolationIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private ArkSimulator beta;

    private List<SimulatedTask> defaultTasks;

    private List<SimulatedTask> betaTasks;

    @BeforeEach
    void setUp() {
        beta = ArkSimulator.start("/api/v3", SyncHarness.API_KEY);
        defaultTasks = SettledTasks.generate(800, 71L, NOW, 10);
        Set<String> defaultIds = ids(defaultTasks);
        betaTasks = SettledTasks.generate(700, 72L, NOW, 10).stream()
            .filter(task -> !defaultIds.contains(task.id()))
            .toList();
        harness.api().putAll(defaultTasks);
        beta.putAll(betaTasks);
    }

    @AfterEach
    void tearDown() {
        beta.close();
    }

    @ParameterizedTest(name = "first run by {0}")
    @ValueSource(strings = { "default", "beta" })
    void shouldKeepEachAccountsTasksRunsAndGoneMarkingApart(String first) {
        String second = first.equals("default") ? "beta" : "default";

        // when: first runs of both accounts, in this order
        assertThat(syncAccount(first)).isZero();
        assertThat(syncAccount(second)).isZero();

        // then: each is a full run (the second account's first run must not follow the other's full run)
        assertThat(modes(first)).containsExactly("full");
        assertThat(modes(second)).containsExactly("full");
        assertExact();

        // when: both move on (new tasks, the unfinished finish), then incremental runs in the same order
        advance(harness.api(), defaultTasks, "d");
        advance(beta, betaTasks, "b");
        assertThat(syncAccount(first)).isZero();
        assertThat(syncAccount(second)).isZero();

        // then
        assertThat(modes(first)).containsExactly("full", "incremental");
        assertThat(modes(second)).containsExactly("full", "incremental");
        assertExact();

        // when: a forced full run of the second account
        assertThat(syncAccount(second, "--ark.full-scan=true")).isZero();

        // then: nothing of the first account is marked gone, nothing moves between accounts
        assertThat(modes(second)).containsExactly("full", "incremental", "full");
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isZero();
        assertExact();
        // history: one row per task for its first version, one more per task that moved on, none for a re-read
        long moved = 2L * 10;
        assertThat(harness.count("SELECT count(*) FROM ark.task_history"))
            .isEqualTo(harness.api().size() + beta.size() + moved);
        assertRunsRecordedUnderTheirAccount();
    }

    @Test
    void shouldMarkGoneOnlyTheTasksOfTheAccountWhoseListingLostThem() {
        // given
        assertThat(syncAccount("default")).isZero();
        assertThat(syncAccount("beta")).isZero();
        SimulatedTask deleted = betaTasks.stream()
            .filter(t -> t.createdAt() < NOW.getEpochSecond() - 3600)
            .findFirst()
            .orElseThrow();
        beta.remove(deleted.id());

        // when
        assertThat(syncAccount("beta", "--ark.full-scan=true")).isZero();

        // then
        List<String> gone = harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM ark.tasks WHERE gone_at IS NOT NULL").mapTo(String.class).list());
        assertThat(gone).containsExactly(deleted.id());
    }

    @Test
    void shouldRunTwoAccountsAtTheSameTimeButOneRunPerAccount() throws Exception {
        // given: the first account's run, holding its lock, waits in its first request until the second account's
        // run has sent its own first request (or 30 s have passed)
        CountDownLatch betaRequested = new CountDownLatch(1);
        harness.api().beforeEachRequest(() -> await(betaRequested));
        beta.beforeEachRequest(betaRequested::countDown);

        // when: two accounts at once
        CompletableFuture<Integer> defaultRun = CompletableFuture.supplyAsync(() -> runAccount("default"));
        awaitFirstRequest(harness.api());
        int betaExit = runAccount("beta");

        // then: both succeed, and the second ran while the first held its lock
        assertThat(betaExit).isZero();
        assertThat(betaRequested.getCount()).isZero();
        assertThat(defaultRun.get(3, TimeUnit.MINUTES)).isZero();
        assertExact();

        // when: the same account twice at once, the first waiting until the second has ended
        harness.api().resetRequests();
        CountDownLatch secondEnded = new CountDownLatch(1);
        harness.api().beforeEachRequest(() -> await(secondEnded));
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> runAccount("default", "--ark.full-scan=true"));
        awaitFirstRequest(harness.api());
        int other = runAccount("default", "--ark.full-scan=true");
        secondEnded.countDown();

        // then: the second found the account's lock taken
        assertThat(other).isEqualTo(5);
        assertThat(one.get(3, TimeUnit.MINUTES)).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldResumeAFailedRunOnlyWithTheSameAccount() {
        // given: a run of "default" that fails on its third request
        harness.api().beforeEachRequest(new FailFromRequest(3, harness.api()));
        assertThat(syncAccount("default", "--ark.prefetch-pages=0", "--ark.page-size=100")).isEqualTo(1);
        harness.api().beforeEachRequest(null);
        long failedInstance = instanceOf(lastRunId("default"));

        // when: another account runs
        assertThat(syncAccount("beta")).isZero();

        // then: it ran its own job instance, and left the failed run alone
        assertThat(instanceOf(lastRunId("beta"))).isNotEqualTo(failedInstance);
        assertThat(harness.count("SELECT count(*) FROM ark_batch.batch_job_execution WHERE job_instance_id = "
                + failedInstance)).isEqualTo(1);

        // when: the failed account runs again
        assertThat(syncAccount("default", "--ark.prefetch-pages=0", "--ark.page-size=100")).isZero();

        // then: it resumed its failed run
        assertThat(instanceOf(lastRunId("default"))).isEqualTo(failedInstance);
        assertExact();
    }

    private int syncAccount(String account, String... more) {
        List<String> arguments = new ArrayList<>(accountArguments(account));
        arguments.addAll(List.of(more));
        return harness.runWith(arguments.toArray(String[]::new));
    }

    /** Like {@link #syncAccount} but safe to call from several threads: standard error is not captured. */
    private int runAccount(String account, String... more) {
        List<String> arguments = new ArrayList<>(List.of(harness.database().springArguments()));
        arguments.addAll(accountArguments(account));
        arguments.addAll(List.of(more));
        arguments.add("--ark.page-size=50");
        return ArkTaskSyncApplication.run(arguments.toArray(String[]::new));
    }

    private List<String> accountArguments(String account) {
        ArkSimulator api = account.equals("default") ? harness.api() : beta;
        List<String> arguments = new ArrayList<>(List.of("--ark.base-url=" + api.baseUrl(),
                "--ark.api-key=" + SyncHarness.API_KEY));
        if (!account.equals("default")) {
            arguments.add("--ark.account=" + account);
        }
        return arguments;
    }

    private static void awaitFirstRequest(ArkSimulator api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (api.requestCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.requestCount()).as("requests to the first run's API").isPositive();
    }

    /** The unfinished tasks finish and ten new ones arrive. */
    private static void advance(ArkSimulator api, List<SimulatedTask> tasks, String idTag) {
        for (SimulatedTask task : tasks) {
            if (task.status().equals("queued") || task.status().equals("running")) {
                api.put(task.withStatus("succeeded", task.updatedAt() + 120)
                    .withUsage(3_000L, 3_000L, task.updatedAt() + 120));
            }
        }
        SimulatedTask template = tasks.get(0);
        for (int i = 0; i < 10; i++) {
            api.put(new SimulatedTask("cgt-new-" + idTag + "-" + i, template.model(), "succeeded",
                    i % 2 == 0 ? "default" : "flex", NOW.getEpochSecond() + 10 + i, NOW.getEpochSecond() + 70 + i,
                    500L, 500L, null, null, null, null, false, "720p", "16:9", 5, 24, 1L, Map.of()));
        }
    }

    private void assertExact() {
        assertThat(storedIds("default")).isEqualTo(ids(harness.api().tasks()));
        assertThat(storedIds("beta")).isEqualTo(ids(beta.tasks()));
        assertThat(harness.count("SELECT count(*) FROM ark.tasks"))
            .isEqualTo(harness.api().size() + beta.size());
        // every stored version is the API's current one
        Map<String, String> statuses = harness.jdbi().withHandle(h -> h.createQuery("SELECT id, status FROM ark.tasks")
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        for (SimulatedTask task : harness.api().tasks()) {
            assertThat(statuses.get(task.id())).as(task.id()).isEqualTo(task.status());
        }
        for (SimulatedTask task : beta.tasks()) {
            assertThat(statuses.get(task.id())).as(task.id()).isEqualTo(task.status());
        }
    }

    private Set<String> storedIds(String account) {
        return Set.copyOf(harness.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ark.tasks WHERE account = :a")
            .bind("a", account)
            .mapTo(String.class)
            .list()));
    }

    /** The account's runs, told apart by the URL they listed (each account has its own simulator). */
    private List<String> modes(String account) {
        return harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT mode FROM ark.sync_runs WHERE base_url = :url ORDER BY run_id")
            .bind("url", tasksUrl(account))
            .mapTo(String.class)
            .list());
    }

    /** ark.sync_runs.account names each run's account. */
    private void assertRunsRecordedUnderTheirAccount() {
        for (String account : List.of("default", "beta")) {
            assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE account = '" + account + "'"))
                .as("runs recorded under account %s", account)
                .isEqualTo(harness.count("SELECT count(*) FROM ark.sync_runs WHERE base_url = '" + tasksUrl(account)
                        + "'"));
        }
    }

    private long lastRunId(String account) {
        return harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT max(run_id) FROM ark.sync_runs WHERE base_url = :url").bind("url", tasksUrl(account))
            .mapTo(Long.class).one());
    }

    private String tasksUrl(String account) {
        return (account.equals("default") ? harness.api() : beta).baseUrl() + "/contents/generations/tasks";
    }

    private long instanceOf(long runId) {
        return harness.count("SELECT job_instance_id FROM ark_batch.batch_job_execution WHERE job_execution_id = "
                + runId);
    }

    private static Set<String> ids(List<SimulatedTask> tasks) {
        return tasks.stream().map(SimulatedTask::id).collect(Collectors.toSet());
    }
}

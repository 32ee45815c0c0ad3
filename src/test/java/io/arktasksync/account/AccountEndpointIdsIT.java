package io.arktasksync.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints belong to an account: in a multi-account run each account narrows a listing too big to page by its own
 * endpoint ids ({@code ark.accounts[i].endpoint-ids}), where one shared list would narrow the others to nothing.
 */
class AccountEndpointIdsIT {

    private static final long BASE_CREATED_AT = 1_764_000_000L;

    @TempDir
    Path directory;

    private TestDatabase database;

    private Jdbi jdbi;

    private final Map<String, ArkSimulator> apis = Map.of("alpha", ArkSimulator.start("/api/v3", "key-of-alpha"),
            "beta", ArkSimulator.start("/api/v3", "key-of-beta"));

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        jdbi = database.jdbi();
        int created = 0;
        for (String name : List.of("alpha", "beta")) {
            // two models of 150 succeeded tasks each, of which pages of 100 up to page 2 reach 200
            List<SimulatedTask> tasks = new ArrayList<>();
            for (String model : List.of("m-a", "m-b")) {
                for (int i = 0; i < 150; i++) {
                    long createdAt = BASE_CREATED_AT + created++;
                    tasks.add(new SimulatedTask(String.format("cgt-%s-%06d", name, created), model, "succeeded",
                            "default", createdAt, createdAt, null, null, null, null, null, null, false, "720p", "16:9",
                            5, 24, 1L, Map.of()));
                }
            }
            apis.get(name).putAll(tasks);
            // filter.model takes this account's endpoint ids only
            apis.get(name).quirks().modelFilterTakesEndpointIds(
                    Map.of("ep-" + name + "-a", "m-a", "ep-" + name + "-b", "m-b"));
        }
    }

    @AfterEach
    void tearDown() {
        apis.values().forEach(ArkSimulator::close);
        database.close();
    }

    @Test
    void shouldNarrowEachAccountByItsOwnEndpointIdsAndReconcileBoth() throws IOException {
        // given
        StringBuilder yaml = new StringBuilder("""
                ark:
                  page-size: 100
                  max-page-num: 2
                  fail-when-unreconciled: true
                  filter:
                    service-tier: default
                  endpoint-ids: ep-shared-by-none
                  accounts:
                """);
        for (String name : List.of("alpha", "beta")) {
            yaml.append("    - name: ").append(name).append('\n')
                .append("      base-url: ").append(apis.get(name).baseUrl()).append('\n')
                .append("      api-key: key-of-").append(name).append('\n')
                .append("      endpoint-ids: ep-").append(name).append("-a, ep-").append(name).append("-b\n");
        }
        Path config = Files.writeString(directory.resolve("accounts.yaml"), yaml.toString());
        List<String> arguments = new ArrayList<>(List.of(database.springArguments()));
        arguments.add("--spring.config.import=file:" + config);

        // when
        CapturedRun run = CapturedRun.of(arguments.toArray(String[]::new));

        // then: every task of each account stored under it, and each run reconciled
        assertThat(run.exitCode()).as(run.out()).isZero();
        for (String name : List.of("alpha", "beta")) {
            assertThat(storedIds(name)).as(name).hasSize(300).isEqualTo(apiIds(name));
        }
        List<String> reconciled = jdbi.withHandle(h -> h.createQuery(
                "SELECT account FROM ark.sync_runs WHERE reconciled ORDER BY account").mapTo(String.class).list());
        assertThat(reconciled).containsExactly("alpha", "beta");
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

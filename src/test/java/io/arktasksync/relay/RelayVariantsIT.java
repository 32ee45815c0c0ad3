package io.arktasksync.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relays and API variants met in the wild (the simulator's {@code RelayQuirks}), each against what the database
 * and the ledger must then say: everything stored when it can be, and never a reconciled ledger when it cannot.
 */
class RelayVariantsIT {

    private static final long BASE_CREATED_AT = 1_764_000_000L;

    private static final String DEFAULT_TIER = "--ark.filter.service-tier=default";

    private static final String FAIL_WHEN_UNRECONCILED = "--ark.fail-when-unreconciled=true";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness("/volc/v1");

    private int created;

    @Test
    void shouldStoreEveryTaskFromARelayThatSilentlyCapsItsPages() {
        // given a relay that forwards min(page_size, 100)
        List<String> ids = put(1_200, "succeeded", "doubao-seedance-1-0-pro-250528");
        harness.api().quirks().capPageSize(100);

        // when
        int exitCode = harness.sync("--ark.page-size=500", DEFAULT_TIER, FAIL_WHEN_UNRECONCILED);

        // then
        assertThat(exitCode).isZero();
        assertThat(storedIds()).containsAll(ids);
        assertThat(ledgerNote("tier=default")).contains("pages capped at 100");
        assertThat(runReconciled()).isTrue();
    }

    @Test
    void shouldLearnACapThatStartsOnALaterPage() {
        // given an upstream that starts capping at 100 from its third request (a relay switched in)
        List<String> ids = put(1_200, "succeeded", "doubao-seedance-1-0-pro-250528");
        AtomicInteger requests = new AtomicInteger();
        harness.api().beforeEachRequest(() -> {
            if (requests.incrementAndGet() == 3) {
                harness.api().quirks().capPageSize(100);
            }
        });

        // when
        int exitCode = harness.sync("--ark.page-size=300", "--ark.prefetch-pages=0", DEFAULT_TIER,
                FAIL_WHEN_UNRECONCILED);

        // then
        assertThat(exitCode).isZero();
        assertThat(storedIds()).containsAll(ids);
        assertThat(harness.api().requestQueries()).contains("page_num=7&page_size=100&filter.service_tier=default");
        assertThat(runReconciled()).isTrue();
    }

    @Test
    void shouldNeverReconcileARelayThatIgnoresPageNumButReachMoreThroughStatusFilters() {
        // given 4 statuses of 300 tasks, pages of 500, a relay that always answers page 1
        List<String> ids = new ArrayList<>();
        for (String status : List.of("queued", "running", "succeeded", "failed")) {
            ids.addAll(put(300, status, "doubao-seedance-1-0-pro-250528"));
        }
        harness.api().quirks().ignorePageNum();

        // when
        int exitCode = harness.sync("--ark.page-size=500", DEFAULT_TIER, FAIL_WHEN_UNRECONCILED);

        // then everything was reached through filter.status, and still the run is not called complete
        assertThat(exitCode).isEqualTo(8);
        assertThat(storedIds()).containsAll(ids);
        assertThat(ledgerReconciled("tier=default")).isFalse();
        assertThat(ledgerNote("tier=default")).contains("page_num ignored");
        assertThat(runReconciled()).isFalse();
    }

    @Test
    void shouldReadAnOldestFirstListingWholeInIncrementalRuns() {
        // given a full run over an API that lists oldest first, then 40 new tasks
        put(1_000, "succeeded", "doubao-seedance-1-0-pro-250528");
        harness.api().quirks().listOldestFirst();
        assertThat(harness.sync("--ark.page-size=100", DEFAULT_TIER)).isZero();
        List<String> fresh = put(40, "succeeded", "doubao-seedance-1-0-pro-250528");

        // when the next run is incremental, reading down to the newest stored task (less 1 s)
        int exitCode = harness.sync("--ark.page-size=100", "--ark.incremental-overlap=1s", DEFAULT_TIER);

        // then it read the listing whole and stored the new tasks, saying why
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE mode = 'incremental'")).isEqualTo(1);
        assertThat(storedIds()).containsAll(fresh);
        assertThat(harness.count("""
                SELECT count(*) FROM ark.sync_ledger
                WHERE run_id = (SELECT max(run_id) FROM ark.sync_runs) AND note LIKE '%oldest first%'
                """)).isEqualTo(1);
    }

    @Test
    void shouldNarrowPastTheCapByConfiguredEndpointIds() {
        // given filter.model taking endpoint ids, 3 models of 150 succeeded tasks, 2 pages of 100 reachable
        List<String> ids = new ArrayList<>();
        for (String model : List.of("m-a", "m-b", "m-c")) {
            ids.addAll(put(150, "succeeded", model));
        }
        harness.api().quirks().modelFilterTakesEndpointIds(Map.of("ep-a", "m-a", "ep-b", "m-b", "ep-c", "m-c"));

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.max-page-num=2", "--ark.endpoint-ids=ep-a,ep-b,ep-c",
                DEFAULT_TIER, FAIL_WHEN_UNRECONCILED);

        // then
        assertThat(exitCode).isZero();
        assertThat(storedIds()).containsAll(ids);
        // the newest tasks (m-c, m-b) were seen within reach, so their names were tried too, for nothing
        assertThat(ledgerNote("tier=default,status=succeeded,model=m-c")).contains("narrowing returned nothing");
        assertThat(runReconciled()).isTrue();
    }

    @Test
    void shouldStayUnreconciledWithoutEndpointIdsWhenModelNamesReturnNothing() {
        // given the same upstream, no endpoint ids configured
        for (String model : List.of("m-a", "m-b", "m-c")) {
            put(150, "succeeded", model);
        }
        harness.api().quirks().modelFilterTakesEndpointIds(Map.of("ep-a", "m-a", "ep-b", "m-b", "ep-c", "m-c"));

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.max-page-num=2", DEFAULT_TIER,
                FAIL_WHEN_UNRECONCILED);

        // then
        assertThat(exitCode).isEqualTo(8);
        // and the names of the models seen within reach (m-c and m-b, the newest) were tried and returned nothing
        assertThat(harness.count(
                "SELECT count(*) FROM ark.sync_ledger WHERE slice LIKE '%model=m-%' AND note LIKE '%returned nothing%'"))
            .isEqualTo(2);
        assertThat(runReconciled()).isFalse();
    }

    @Test
    void shouldExitWith8WhenTheRepairBudgetIsSpent() {
        // given a listing losing 5 random tasks before every request, for ever
        put(1_000, "succeeded", "doubao-seedance-1-0-pro-250528");
        harness.api().churn().start(0, 0, 5, 11L, BASE_CREATED_AT + created);

        // when
        int exitCode = harness.sync("--ark.page-size=20", "--ark.chunk-size=20", DEFAULT_TIER,
                FAIL_WHEN_UNRECONCILED);

        // then
        assertThat(exitCode).isEqualTo(8);
        assertThat(ledgerNote("tier=default")).contains("re-read budget spent");
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE exit_code = 8 AND NOT reconciled"))
            .isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    /** Puts {@code count} default-tier tasks, each newer than every task before it; returns their ids. */
    private List<String> put(int count, String status, String model) {
        List<SimulatedTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long createdAt = BASE_CREATED_AT + created++;
            String id = String.format("cgt-%06d", created);
            tasks.add(new SimulatedTask(id, model, status, "default", createdAt, createdAt, null, null, null, null,
                    null, null, false, "720p", "16:9", 5, 24, 1L, Map.of()));
        }
        harness.api().putAll(tasks);
        return tasks.stream().map(SimulatedTask::id).toList();
    }

    private Set<String> storedIds() {
        return new HashSet<>(harness.jdbi().withHandle(h -> h.createQuery("SELECT id FROM ark.tasks")
            .mapTo(String.class).list()));
    }

    private String ledgerNote(String slice) {
        return harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT coalesce(note, '') FROM ark.sync_ledger
                WHERE slice = :slice ORDER BY run_id DESC LIMIT 1
                """).bind("slice", slice).mapTo(String.class).one());
    }

    private boolean ledgerReconciled(String slice) {
        return harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT reconciled FROM ark.sync_ledger WHERE slice = :slice ORDER BY run_id DESC LIMIT 1
                """).bind("slice", slice).mapTo(Boolean.class).one());
    }

    private boolean runReconciled() {
        return harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT reconciled FROM ark.sync_runs ORDER BY run_id DESC LIMIT 1").mapTo(Boolean.class).one());
    }
}

package io.arktasksync.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database made by an earlier release, with its data, upgrades to this one: every later migration applies to
 * populated tables, rows stored before are kept (history stays append-only), and the columns added since get the
 * values the migrations promise.
 */
class SchemaUpgradeIT {

    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    @RegisterExtension
    final SyncHarness harness = SyncHarness.onEmptyDatabase();

    @ParameterizedTest(name = "from V{0}")
    @ValueSource(strings = { "2", "3", "4" })
    void shouldUpgradeAPopulatedDatabaseOfAnEarlierReleaseWithoutLosingARow(String releasedVersion) {
        // given: the schema of that release, laid out as releases then did (Flyway's history in public), holding a
        // task (an older version of one the API lists now), its usage, its first history row and a finished run
        Flyway.configure()
            .dataSource(harness.database().url(), harness.database().user(), harness.database().password())
            .locations(ArkSchema.MIGRATIONS)
            .target(releasedVersion)
            .load()
            .migrate();
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(30, 11L, NOW);
        String known = tasks.get(0).id();
        harness.jdbi().useHandle(handle -> {
            handle.execute("""
                    INSERT INTO ark.tasks (id, model, status, created_at, updated_at, first_seen_at, last_seen_at,
                                           last_changed_at, first_run_id, raw)
                    VALUES (?, 'doubao-seedance-1-0-pro-250528', 'running', timestamptz '2026-01-01 00:00Z',
                            timestamptz '2026-01-01 00:00Z', now() - interval '2 days', now() - interval '2 days',
                            now() - interval '2 days', 900, '{"id": "stored by an earlier release"}')""", known);
            handle.execute("INSERT INTO ark.task_usage (task_id, total_tokens, recorded_at) VALUES (?, 5, now())",
                    known);
            handle.execute("""
                    INSERT INTO ark.task_history (task_id, run_id, observed_at, status)
                    VALUES (?, 900, now() - interval '2 days', 'running')""", known);
            handle.execute("""
                    INSERT INTO ark.sync_runs (run_id, started_at, finished_at, status, exit_code)
                    VALUES (900, now() - interval '2 days', now() - interval '2 days', 'COMPLETED', 0)""");
        });
        harness.api().putAll(tasks);

        // when
        int exitCode = harness.sync();

        // then: upgraded and synced
        assertThat(exitCode).as(harness.lastStandardError()).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(30);
        assertThat(harness.count("SELECT count(*) FROM ark.flyway_schema_history WHERE version = '10' AND success"))
            .isOne();
        assertThat(harness.count("""
                SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'""")).isZero();
        // the earlier release's rows are kept: its history row, plus one for the version this run saw
        assertThat(harness.count("SELECT count(*) FROM ark.task_history WHERE task_id = '" + known + "'")).isEqualTo(2);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history WHERE run_id = 900")).isOne();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE id = '" + known + "' AND first_run_id = 900"))
            .isOne();
        // V5: runs recorded before accounts existed belong to the account their tasks were stored under
        assertThat(harness.count("SELECT count(*) FROM ark.sync_runs WHERE run_id = 900 AND account = 'default'"))
            .isOne();
        // V6: every task this run wrote carries its content hash
        assertThat(harness.count("SELECT count(*) FROM ark.tasks WHERE content_hash IS NULL")).isZero();

        // and a second run over the same tasks writes nothing new
        assertThat(harness.sync()).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(30 + 1);
    }

    @Test
    void shouldUpgradeADatabaseOfTheLastReleaseAndCompareTheTasksItHashedOtherwise() {
        // given: a database of the last release's schema (V10) holding a price, upgraded by a first sync; then its
        // tasks' hashes made as that release made them (from the encoded row: nothing this release computes)
        ArkSchema.configure(Flyway.configure()
            .dataSource(harness.database().url(), harness.database().user(), harness.database().password()))
            .target("10")
            .load()
            .migrate();
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(30, 12L, NOW);
        harness.api().putAll(tasks);
        harness.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO ark.model_prices VALUES ('m', 'default', 'USD', 2.50, '2026-01-01', NULL)"""));
        assertThat(harness.sync()).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(30);
        harness.jdbi().useHandle(handle -> handle.execute("UPDATE ark.tasks SET content_hash = gen_random_uuid()"));

        // when: the same tasks, read in full by this release
        int exitCode = harness.sync("--full");

        // then: every row kept, no history row for tasks that did not change, the price kept and still guarded
        assertThat(exitCode).as(harness.lastStandardError()).isZero();
        assertThat(harness.count("SELECT max(version::int) FROM ark.flyway_schema_history WHERE success"))
            .isGreaterThanOrEqualTo(12);
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(30);
        assertThat(harness.count("SELECT count(*) FROM ark.task_history")).isEqualTo(30);
        assertThat(harness.count("SELECT count(*) FROM ark.model_prices")).isOne();
        assertThatThrownBy(() -> harness.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO ark.model_prices VALUES ('m', 'default', 'USD', 2.00, '2026-03-01', NULL)""")))
            .hasMessageContaining("overlaps another period");
    }

    @Test
    void shouldUpgradeTheLastReleaseWithPricesAndTasksKeepingEveryCostAndFillingTheAttributionFromRaw() {
        // given: the last release's schema (V12) with a price, a priced task whose item carries the fields cost is
        // charged back by, one without them, and one whose fields have another shape
        ArkSchema.configure(Flyway.configure()
            .dataSource(harness.database().url(), harness.database().user(), harness.database().password()))
            .target("12")
            .load()
            .migrate();
        harness.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO ark.model_prices VALUES ('m', 'default', 'USD', 2.50, '2026-01-01', NULL)");
            handle.execute("""
                    INSERT INTO ark.tasks (id, model, status, service_tier, created_at, first_seen_at, last_seen_at,
                                           last_changed_at, raw)
                    VALUES ('with', 'm', 'succeeded', 'default', '2026-02-01', now(), now(), now(),
                            '{"safety_identifier": "user-9", "priority": 4, "draft": false, "generate_audio": true,
                              "tools": [{"type": "web_search"}]}'),
                           ('without', 'm', 'succeeded', 'default', '2026-02-01', now(), now(), now(), '{}'),
                           ('odd', 'm', 'succeeded', 'default', '2026-02-01', now(), now(), now(),
                            '{"safety_identifier": {"id": 1}, "draft": "no", "tools": "web_search"}')""");
            handle.execute("""
                    INSERT INTO ark.task_usage (task_id, total_tokens, recorded_at)
                    VALUES ('with', 400000, now()), ('without', 200000, now()), ('odd', 100000, now())""");
        });

        // when
        ArkSchema.configure(Flyway.configure()
            .dataSource(harness.database().url(), harness.database().user(), harness.database().password()))
            .load()
            .migrate();

        // then: the old price prices as before, and the columns hold what the mapper would have read
        assertThat(text("""
                SELECT string_agg(id || '=' || trim_scale(cost), ' ' ORDER BY id) FROM ark.task_costs""")).isEqualTo("odd=0.25 with=1 without=0.5");
        assertThat(text("""
                SELECT string_agg(concat_ws('|', id, safety_identifier, priority, draft, generate_audio, tool_types),
                                  ' ' ORDER BY id)
                FROM ark.tasks"""))
            .isEqualTo("odd with|user-9|4|f|t|{web_search} without");
        assertThatThrownBy(() -> harness.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO ark.model_prices VALUES ('m', 'default', 'USD', 2.00, '2026-03-01', NULL)""")))
            .hasMessageContaining("overlaps another period");
    }

    private String text(String sql) {
        return harness.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).one());
    }
}

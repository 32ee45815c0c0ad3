package io.arktasksync.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flyway owns the schemas ark and ark_batch only, and upgrades a database whose history an older release kept in public. */
class SchemaLayoutIT {

    @RegisterExtension
    final SyncHarness harness = SyncHarness.onEmptyDatabase();

    @Test
    void shouldSyncIntoADatabaseThatAlreadyHasTablesInPublicAndAddNothingThere() {
        // given: somebody's database, e.g. the maintenance database "postgres" with an application's tables in it
        harness.jdbi().useHandle(h -> h.execute("CREATE TABLE public.customers (id int PRIMARY KEY, name text)"));
        harness.jdbi().useHandle(h -> h.execute("INSERT INTO public.customers VALUES (1, 'kept')"));
        harness.api().putAll(SimulatedTaskGenerator.generate(30, 7L, java.time.Instant.parse("2026-01-01T00:00:00Z")));

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(30);
        assertThat(tablesIn("public")).containsExactly("customers");
        assertThat(harness.count("SELECT count(*) FROM public.customers")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.flyway_schema_history WHERE success")).isPositive();
    }

    @Test
    void shouldMoveTheHistoryOfADatabaseMadeByTheEarlierLayoutIntoArkWithoutLosingARow() {
        // given: what earlier releases made: Flyway's defaults, so its history table in public
        Flyway.configure()
            .dataSource(harness.database().url(), harness.database().user(), harness.database().password())
            .locations(ArkSchema.MIGRATIONS)
            .load()
            .migrate();
        List<Map<String, Object>> before = history("public");
        harness.api().putAll(SimulatedTaskGenerator.generate(30, 7L, java.time.Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(before).isNotEmpty();

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(tablesIn("public")).isEmpty();
        List<Map<String, Object>> after = history("ark");
        assertThat(after).startsWith(before.toArray(Map[]::new));
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(30);

        // and a second run finds nothing to move and nothing to migrate
        assertThat(harness.sync()).isZero();
        assertThat(history("ark")).isEqualTo(after);
        assertThat(tablesIn("public")).isEmpty();
    }

    @Test
    void shouldLeaveAnotherApplicationsFlywayHistoryInPublicAlone() {
        // given
        harness.jdbi().useHandle(h -> h.execute("""
                CREATE TABLE public.flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
                    description varchar(200), type varchar(20), script varchar(1000), checksum int,
                    installed_by varchar(100), installed_on timestamp DEFAULT now(), execution_time int,
                    success boolean)"""));
        harness.jdbi().useHandle(h -> h.execute("""
                INSERT INTO public.flyway_schema_history VALUES (1, '1', 'billing', 'SQL', 'V1__billing.sql', 42,
                    'app', now(), 1, true)"""));

        // when
        int exitCode = harness.sync();

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM public.flyway_schema_history")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM ark.flyway_schema_history WHERE script = 'V1__billing.sql'"))
            .isZero();
    }

    private List<String> tablesIn(String schema) {
        return harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = :schema ORDER BY 1""")
            .bind("schema", schema)
            .mapTo(String.class)
            .list());
    }

    private List<Map<String, Object>> history(String schema) {
        return harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT installed_rank, version, script, checksum, installed_on, success
                FROM %s.flyway_schema_history ORDER BY installed_rank""".formatted(schema))
            .mapToMap()
            .list());
    }
}

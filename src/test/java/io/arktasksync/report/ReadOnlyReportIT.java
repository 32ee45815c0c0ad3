package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.schema.ArkSchema;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code report} reads the database and nothing else: it never migrates, and says what is missing. */
class ReadOnlyReportIT {

    private final TestDatabase database = TestDatabase.create();

    private final Jdbi jdbi = database.jdbi();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void shouldNotCreateTheSchemaInAnEmptyDatabase() {
        // when
        CapturedRun run = report();

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).singleElement().asString()
            .contains("no ark-task-sync schema").contains("run a sync first");
        assertThat(run.out()).isEmpty();
        assertThat(schemasAndTables()).isEmpty();
    }

    @Test
    void shouldNameTheMissingMigrationAndLeaveAnOlderSchemaAsItIs() {
        // given: a schema three migrations old
        ArkSchema.configure(Flyway.configure())
            .dataSource(database.url(), database.user(), database.password())
            .target("3")
            .load()
            .migrate();
        List<String> before = schemasAndTables();

        // when
        CapturedRun run = report();

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).singleElement().asString()
            .contains("V4 (sync ledger)").contains("not applied");
        assertThat(schemasAndTables()).isEqualTo(before);
    }

    @Test
    void shouldReportFromADatabaseWhoseHistoryAnEarlierReleaseKeptInPublicWithoutMovingIt() {
        // given
        Flyway.configure()
            .dataSource(database.url(), database.user(), database.password())
            .locations(ArkSchema.MIGRATIONS)
            .load()
            .migrate();
        List<String> before = schemasAndTables();

        // when
        CapturedRun run = report();

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no tasks yet");
        assertThat(schemasAndTables()).isEqualTo(before).contains("public.flyway_schema_history");
    }

    private CapturedRun report() {
        List<String> arguments = new ArrayList<>(List.of("report"));
        arguments.addAll(List.of(database.springArguments()));
        return CapturedRun.of(arguments.toArray(String[]::new));
    }

    private List<String> schemasAndTables() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                UNION ALL
                SELECT nspname FROM pg_namespace WHERE nspname IN ('ark', 'ark_batch')
                ORDER BY 1""").mapTo(String.class).list());
    }
}

package io.arktasksync.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assumptions import FILE} through the application's entry point, into a fresh database. */
class PriceAssumptionsImportIT {

    private static final String HEADER = "account,model,with_video_input,note\n";

    @TempDir
    Path dir;

    private TestDatabase database;

    private Jdbi jdbi;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        jdbi = database.jdbi();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldUpsertByAccountAndModelAndKeepTheRowsTheFileDoesNotName() throws IOException {
        // given
        CapturedRun first = assumptions(file(HEADER + "team-b,,true,every team-b request has a reference\n"
                + ",seedance-2-0-pro,false,\n"));

        // when: one changed, one added; the model-wide one not named
        CapturedRun second = assumptions(file(HEADER + "team-b,,false,not any more\nteam-b,seedance-2-0-pro,true,\n"));

        // then
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("2 assumptions imported").contains("ark.price_assumptions");
        assertThat(second.exitCode()).isZero();
        assertThat(rows()).containsExactly("- seedance-2-0-pro false -", "team-b - false not any more",
                "team-b seedance-2-0-pro true -");
    }

    @Test
    void shouldPriceTasksByTheImportedAssumption() throws IOException {
        // given: a model priced apart with and without a reference video, and one task of it
        assertThat(assumptions(file(HEADER + "team-b,seedance-2-0-pro,true,\n")).exitCode()).isZero();
        jdbi.useHandle(h -> h.createScript("""
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                              with_video_input)
                VALUES ('seedance-2-0-pro', 'default', 'USD', 7, '2026-01-01', true),
                       ('seedance-2-0-pro', 'default', 'USD', 4, '2026-01-01', false);
                INSERT INTO ark.tasks (id, account, model, status, service_tier, created_at, first_seen_at,
                                       last_seen_at, last_changed_at, raw)
                VALUES ('cgt-v', 'team-b', 'seedance-2-0-pro', 'succeeded', 'default', '2026-11-02', now(), now(),
                        now(), '{}');
                INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
                VALUES ('cgt-v', 1000000, 1000000, now());""").execute());

        // when
        CapturedRun turned = assumptions(file(HEADER + "team-b,seedance-2-0-pro,false,\n"));

        // then
        assertThat(turned.exitCode()).isZero();
        String cost = jdbi.withHandle(h -> h.createQuery("SELECT cost::text FROM ark.task_costs WHERE id = 'cgt-v'")
            .mapTo(String.class).one());
        assertThat(cost).isEqualTo("4");
    }

    @Test
    void shouldRefuseABadLineWithOneLineAndExit2WritingNothing() throws IOException {
        // when (PriceAssumptionCsvTest covers every kind of bad line)
        CapturedRun run = assumptions(file(HEADER + "team-a,,true,\nteam-b,,maybe,\n"));
        CapturedRun noFile = CapturedRun.of("assumptions", "import");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement()
            .satisfies(message -> assertThat(message).startsWith("assumptions: ").contains(" line 3: "));
        assertThat(rows()).isEmpty();
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err().lines().toList()).singleElement()
            .satisfies(message -> assertThat(message).startsWith("assumptions: expected 'import FILE.csv'"));
    }

    private List<String> rows() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT concat_ws(' ', coalesce(account, '-'), coalesce(model, '-'), with_video_input::text,
                                 coalesce(note, '-'))
                FROM ark.price_assumptions ORDER BY account NULLS FIRST, model NULLS FIRST""")
            .mapTo(String.class).list());
    }

    private Path file(String content) throws IOException {
        Path file = Files.createTempFile(dir, "assumptions", ".csv");
        Files.writeString(file, content);
        return file;
    }

    private CapturedRun assumptions(Path file) {
        return CapturedRun.of(Stream.concat(Stream.of("assumptions", "import", file.toString()),
                Arrays.stream(database.springArguments())).toArray(String[]::new));
    }
}

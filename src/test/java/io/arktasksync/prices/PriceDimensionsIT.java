package io.arktasksync.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prices that depend on more than model and tier (issue 22), imported with {@code prices import} and applied by
 * {@code ark.task_costs}: the most specific matching row prices a task, equally specific rows are refused, a price
 * per task, an assumption about the input.
 */
class PriceDimensionsIT {

    private static final String MODEL = "seedance-1-5-pro-251215";

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
    void shouldPriceAudioAndSilentTasksOfOneModelEachByItsOwnRowWithExactTotals() throws IOException {
        // given: the model's row for every task of the tier, and a more specific row for silent tasks; the old
        // header's columns first, the dimension named after them
        assertThat(prices("""
                model,service_tier,currency,price_per_million_tokens,valid_from,valid_to,generate_audio
                %1$s,default,USD,2.40,2026-01-01,,
                %1$s,default,USD,1.20,2026-01-01,,false
                """.formatted(MODEL)).exitCode()).isZero();
        task("audio-1", "default", true, 1_000_000L, "succeeded");
        task("audio-2", "default", true, 250_000L, "succeeded");
        task("silent-1", "default", false, 1_000_000L, "succeeded");
        task("silent-2", "default", false, 333_333L, "succeeded");
        task("unsaid", "default", null, 100_000L, "succeeded");

        // when
        Map<String, String> costs = costs();

        // then: audio and tasks that do not say are priced by the model's row, silent ones by theirs
        assertThat(costs).containsExactlyInAnyOrderEntriesOf(Map.of("audio-1", "2.4", "audio-2", "0.6",
                "silent-1", "1.2", "silent-2", "0.3999996", "unsaid", "0.24"));
        assertThat(one("SELECT sum(cost) FROM ark.daily_cost", BigDecimal.class)).isEqualByComparingTo("4.8399996");
    }

    @Test
    void shouldRefuseTwoRowsThatWouldPriceOneTaskEquallySpecificallyWithOneLine() throws IOException {
        // given
        assertThat(prices("""
                model,service_tier,currency,price_per_million_tokens,valid_from,generate_audio
                %s,default,USD,1.20,2026-01-01,false
                """.formatted(MODEL)).exitCode()).isZero();

        // when: a silent 1080p task would match both rows, each with one dimension
        CapturedRun run = prices("""
                model,service_tier,currency,price_per_million_tokens,valid_from,resolution
                %s,default,USD,3.00,2026-06-01,1080p
                """.formatted(MODEL));

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("prices: ")).toList()).singleElement()
            .satisfies(line -> assertThat(line).contains("[resolution=1080p]").contains("[generate_audio=false]")
                .contains("equally specifically"));
        assertThat(one("SELECT count(*) FROM ark.model_prices", Integer.class)).isOne();
    }

    @Test
    void shouldPriceASucceededTaskPerTaskWhenTheUnitIsATask() throws IOException {
        // given: a Seed3D-like model priced per task
        assertThat(prices("""
                model,service_tier,currency,price_per_million_tokens,valid_from,unit
                seed3d,default,USD,0.35,2026-01-01,task
                """).exitCode()).isZero();
        task("3d-ok", "default", null, 7L, "succeeded");
        task("3d-failed", "default", null, null, "failed");
        task("3d-running", "default", null, null, "running");
        jdbi.useHandle(h -> h.execute("UPDATE ark.tasks SET model = 'seed3d' WHERE id LIKE '3d-%'"));

        // when
        Map<String, String> costs = costs();

        // then: billed once when it succeeded, nothing when it failed, not known while it runs
        assertThat(costs).containsEntry("3d-ok", "0.35").containsEntry("3d-failed", "0").containsEntry("3d-running",
                null);
    }

    @Test
    void shouldPriceByTheVideoInputTheAccountIsAssumedToSend() throws IOException {
        // given: a price with a reference video and one without, and an assumption for one account
        assertThat(prices("""
                model,service_tier,currency,price_per_million_tokens,valid_from,with_video_input
                %1$s,default,USD,5.00,2026-01-01,true
                %1$s,default,USD,2.00,2026-01-01,false
                """.formatted(MODEL)).exitCode()).isZero();
        task("with-video", "default", null, 1_000_000L, "succeeded");
        task("other-account", "default", null, 1_000_000L, "succeeded");
        jdbi.useHandle(h -> {
            h.execute("UPDATE ark.tasks SET account = 'team-b' WHERE id = 'other-account'");
            h.execute("INSERT INTO ark.price_assumptions (account, with_video_input) VALUES ('default', true)");
        });

        // when
        Map<String, String> costs = costs();

        // then: team-b has no assumption, so neither row applies to it
        assertThat(costs).containsEntry("with-video", "5").containsEntry("other-account", null);
        assertThat(one("SELECT assumed_with_video_input FROM ark.task_costs WHERE id = 'with-video'", Boolean.class))
            .isTrue();
    }

    private <T> T one(String sql, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private void task(String id, String tier, Boolean audio, Long tokens, String status) {
        jdbi.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO ark.tasks (id, model, status, service_tier, created_at, first_seen_at, last_seen_at,
                                           last_changed_at, raw, generate_audio)
                    VALUES (:id, :model, :status, :tier, timestamptz '2026-11-02 10:00Z', now(), now(), now(), '{}',
                            :audio)""")
                .bind("id", id).bind("model", MODEL).bind("status", status).bind("tier", tier)
                .bind("audio", audio).execute();
            if (tokens != null) {
                h.execute("INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at) "
                        + "VALUES (?, ?, ?, now())", id, tokens, tokens);
            }
        });
    }

    /** Each task's cost as text (trailing zeros stripped); null when none. */
    private Map<String, String> costs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, trim_scale(cost)::text AS cost FROM ark.task_costs")
            .mapToMap().list()).stream()
            .collect(Collectors.toMap(r -> (String) r.get("id"), r -> String.valueOf(r.get("cost"))))
            .entrySet().stream()
            .collect(java.util.HashMap::new, (m, e) -> m.put(e.getKey(), "null".equals(e.getValue()) ? null
                    : e.getValue()), java.util.HashMap::putAll);
    }

    private CapturedRun prices(String content) throws IOException {
        Path file = Files.createTempFile(dir, "prices", ".csv");
        Files.writeString(file, content);
        return CapturedRun.of(Stream.concat(Stream.of("prices", "import", file.toString()),
                Arrays.stream(database.springArguments())).toArray(String[]::new));
    }
}

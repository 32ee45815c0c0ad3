package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report --cost} names the assumption of {@code ark.price_assumptions} its prices rested on: one footnote line
 * in the table (and html), an {@code assumptions} array in json, nothing in csv (its columns stay fixed).
 */
class ReportAssumptionsIT {

    private static final String FOOTNOTE = "Assumed, not known (ark.price_assumptions): with_video_input=true for "
            + "account team-b, model seedance-2-0-pro (2 tasks).";

    private static final String[] RANGE = { "--from", "2026-11-01", "--to", "2026-11-30" };

    private TestDatabase database;

    private Jdbi jdbi;

    @BeforeEach
    void setUp() {
        database = TestDatabase.createMigrated();
        jdbi = PricedTasks.open(database);
        // two team-b tasks of a model priced apart with a reference video, one team-a task of it, one other model
        jdbi.useHandle(h -> h.createScript("""
                INSERT INTO ark.price_assumptions (account, model, with_video_input) VALUES ('team-b', NULL, true);
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from)
                VALUES ('seedance-2-0-pro', 'default', 'USD', 4, '2026-01-01'),
                       ('doubao-seedance-1-0-pro-250528', 'default', 'USD', 2.5, '2026-01-01');
                INSERT INTO ark.tasks (id, account, model, status, service_tier, created_at, first_seen_at,
                                       last_seen_at, last_changed_at, raw)
                VALUES ('cgt-1', 'team-b', 'seedance-2-0-pro', 'succeeded', 'default', '2026-11-02', now(), now(),
                        now(), '{}'),
                       ('cgt-2', 'team-b', 'seedance-2-0-pro', 'succeeded', 'default', '2026-11-03', now(), now(),
                        now(), '{}'),
                       ('cgt-3', 'team-a', 'seedance-2-0-pro', 'succeeded', 'default', '2026-11-03', now(), now(),
                        now(), '{}'),
                       ('cgt-4', 'team-b', 'doubao-seedance-1-0-pro-250528', 'succeeded', 'default', '2026-11-04',
                        now(), now(), now(), '{}');
                INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
                SELECT id, 1000000, 1000000, now() FROM ark.tasks;""").execute());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldNameTheAssumptionInOneFootnoteLineOnceAPriceRowDependsOnIt() {
        // given: before, no row depends on it: nothing to name
        CapturedRun before = report("--by", "model", "--cost");
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                              with_video_input)
                VALUES ('seedance-2-0-pro', 'default', 'USD', 7, '2026-01-01', true)"""));

        // when
        CapturedRun after = report("--by", "model", "--cost");
        CapturedRun withoutCost = report("--by", "model");

        // then
        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).doesNotContain("Assumed").contains("12.00 USD");
        assertThat(after.exitCode()).isZero();
        assertThat(after.out().lines().filter(l -> l.startsWith("Assumed")).toList()).containsExactly(FOOTNOTE);
        assertThat(after.out()).contains("18.00 USD").contains("2.50 USD");
        assertThat(withoutCost.out()).doesNotContain("Assumed");
    }

    @Test
    void shouldListTheAssumptionInJsonAndLeaveCsvAsItWas() {
        // given
        CapturedRun csvBefore = report("--by", "account", "--cost", "--format", "csv");
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                              with_video_input)
                VALUES ('seedance-2-0-pro', 'default', 'USD', 4, '2026-01-01', true)"""));

        // when
        CapturedRun json = report("--by", "account", "--cost", "--format", "json");
        CapturedRun csv = report("--by", "account", "--cost", "--format", "csv");
        CapturedRun html = report("--by", "account", "--cost", "--format", "html");

        // then: the same figures (the assumed row has the same price), named in json and html only
        JsonNode assumptions = JsonMapper.builder().build().readTree(json.out()).get("assumptions");
        assertThat(assumptions).hasSize(1);
        assertThat(assumptions.get(0).toString())
            .isEqualTo("{\"account\":\"team-b\",\"model\":\"seedance-2-0-pro\",\"with_video_input\":true,\"tasks\":2}");
        assertThat(csv.out()).isEqualTo(csvBefore.out());
        assertThat(html.out()).contains(FOOTNOTE);
    }

    private CapturedRun report(String... arguments) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(Arrays.asList(RANGE));
        all.addAll(Arrays.asList(arguments));
        all.addAll(Arrays.asList(database.springArguments()));
        return CapturedRun.of(all.toArray(String[]::new));
    }
}

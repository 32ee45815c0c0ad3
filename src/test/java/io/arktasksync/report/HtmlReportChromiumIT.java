package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.HeadlessChromium;
import io.arktasksync.support.RequiredTool;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code report --format html} opened in a real headless Chromium (Debian's {@code chromium}): it renders without
 * a console message, its totals in the DOM equal the database's, and a screenshot lands under {@code target/} for
 * a person to look at.
 */
@Tag(RequiredTool.REAL_TOOLS)
class HtmlReportChromiumIT {

    private static final Path OUTPUT = Path.of("target", "html-report");

    private static final Path PAGE = OUTPUT.resolve("ark-report.html");

    private static final String FROM = "2026-11-01";

    private static final String TO = "2026-11-30";

    private static final Instant LAST_SUCCESS = Instant.parse("2026-11-30T22:15:00Z");

    private static TestDatabase database;

    private static Jdbi jdbi;

    private static HeadlessChromium.Visit visit;

    @BeforeAll
    static void writeTheReportAndOpenIt() throws Exception {
        database = TestDatabase.createMigrated();
        jdbi = PricedTasks.open(database);
        PricedTasks.insert(jdbi, PricedTasks.generate(2_500, 13L));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO ark.sync_runs (run_id, started_at, finished_at, status, exit_code) VALUES "
                    + "(1, ?, ?, 'COMPLETED', 0)", LAST_SUCCESS.minusSeconds(60).atOffset(ZoneOffset.UTC),
                    LAST_SUCCESS.atOffset(ZoneOffset.UTC));
            h.execute("INSERT INTO ark.sync_runs (run_id, started_at, finished_at, status, exit_code) VALUES "
                    + "(2, ?, ?, 'FAILED', 1)", LAST_SUCCESS.plusSeconds(600).atOffset(ZoneOffset.UTC),
                    LAST_SUCCESS.plusSeconds(660).atOffset(ZoneOffset.UTC));
        });
        CapturedRun run = CapturedRun.of(Stream.concat(Stream.of("report", "--format", "html", "--from", FROM, "--to", TO),
                Arrays.stream(database.springArguments())).toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        Files.createDirectories(OUTPUT);
        Files.writeString(PAGE, run.out(), StandardCharsets.UTF_8);
        visit = HeadlessChromium.dumpDom(PAGE);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void shouldRenderWithoutAnyConsoleMessage() {
        // then: the page has no script, and its Content-Security-Policy would log any load it attempted
        assertThat(visit.consoleMessages()).isEmpty();
        assertThat(visit.dom()).contains("<svg id=\"tokens-chart\"").contains("<svg id=\"cost-chart-USD\"")
            .contains("<table id=\"accounts\"");
    }

    @Test
    void shouldShowTheDatabasesTotalsInTheDom() {
        // given
        Map<String, Object> expected = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) AS tasks, count(*) FILTER (WHERE has_usage) AS with_usage, sum(total_tokens) AS tokens,
                       sum(cost) AS cost,
                       count(*) FILTER (WHERE status = 'failed')::numeric
                           / count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'expired', 'cancelled')) AS failed
                FROM ark.task_costs WHERE day BETWEEN DATE '2026-11-01' AND DATE '2026-11-30'""").mapToMap().one());

        // when
        Map<String, String> totals = dataValues(visit.dom());

        // then
        assertThat(Long.parseLong(totals.get("total-tasks"))).isEqualTo(((Number) expected.get("tasks")).longValue());
        assertThat(Long.parseLong(totals.get("total-tasks-with-usage"))).isEqualTo(((Number) expected.get("with_usage")).longValue());
        assertThat(Long.parseLong(totals.get("total-tokens"))).isEqualTo(((Number) expected.get("tokens")).longValue());
        assertThat(new BigDecimal(totals.get("total-cost-USD"))).isEqualByComparingTo((BigDecimal) expected.get("cost"));
        assertThat(Double.parseDouble(totals.get("total-failed-rate")))
            .isEqualTo(((BigDecimal) expected.get("failed")).doubleValue(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(totals.keySet()).contains("total-expired-rate");
    }

    @Test
    void shouldShowThePeriodTheLastSuccessfulSyncAndTheUnpricedUsageAtTheTop() {
        // then
        assertThat(visit.dom()).contains("Tasks created 2026-11-01 to 2026-11-30 (UTC days), by day");
        assertThat(dataValues(visit.dom())).containsEntry("freshness", LAST_SUCCESS.toString());
        assertThat(visit.dom()).contains("2026-11-30 22:15 UTC").contains("id=\"unpriced\"");
        assertThat(visit.dom().indexOf("id=\"freshness\"")).isLessThan(visit.dom().indexOf("id=\"tokens-chart\""));
    }

    @Test
    void shouldGiveEveryAccountATable() {
        // then
        assertThat(visit.dom()).contains("<table id=\"account-team-a\"").contains("<table id=\"account-team-b\"");
    }

    @Test
    void shouldWriteAScreenshotUnderTarget() throws Exception {
        // when
        Path png = OUTPUT.resolve("ark-report.png");
        HeadlessChromium.Visit shot = HeadlessChromium.screenshot(PAGE, png, 1280, 2400);

        // then
        assertThat(shot.consoleMessages()).isEmpty();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void shouldNoticeTheConsoleMessagesOfABrokenPage() throws Exception {
        // given: what the check above must catch: a script error and a blocked load
        Path broken = OUTPUT.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"default-src 'none'\"></head><body><img src=\"http://127.0.0.1:1/x.png\"></body></html>");

        // when
        HeadlessChromium.Visit brokenVisit = HeadlessChromium.dumpDom(broken);

        // then
        assertThat(brokenVisit.consoleMessages()).isNotEmpty();
    }

    /** Every {@code id="..." data-value="..."} of the page. */
    private static Map<String, String> dataValues(String dom) {
        Matcher matcher = Pattern.compile("id=\"([^\"]+)\"[^>]*?data-value=\"([^\"]*)\"").matcher(dom);
        return matcher.results().collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a));
    }
}

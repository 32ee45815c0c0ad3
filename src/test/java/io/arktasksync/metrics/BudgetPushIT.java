package io.arktasksync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.RealPushgateway;
import io.arktasksync.support.RequiredTool;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A budget crossed by the tasks a run stores (issue 22): {@code ark.budget_status} says so after the run, and the
 * run's push carries it to Debian's real Pushgateway as {@code ark_budget_share_used}, which the 100 % rule fires on
 * (its promtool case is in src/test/prometheus/).
 */
@Tag(RequiredTool.REAL_TOOLS)
class BudgetPushIT {

    /** More than the test takes: a test started closer to the end of a UTC month waits for the next one. */
    private static final Duration MONTH_END_MARGIN = Duration.ofMinutes(2);

    private static final String GROUP = "account=\"team-a\",";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @TempDir
    Path dir;

    private RealPushgateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        // created during the last week but none before the start of the budget's current UTC month, so that the run
        // crosses the budget whatever the date (generated as they are, none would be this month's on its 1st)
        Instant now = Instant.now();
        Instant monthStart = monthStart(now);
        if (monthStart(now.plus(MONTH_END_MARGIN)).isAfter(monthStart)) {
            // the test would straddle the end of the month (the view's period would move under it): start in the next
            Thread.sleep(Duration.between(now, monthStart(now.plus(MONTH_END_MARGIN))).toMillis() + 1);
            now = Instant.now();
            monthStart = monthStart(now);
        }
        long notBefore = monthStart.getEpochSecond();
        harness.api().putAll(SimulatedTaskGenerator.generate(400, 71L, now).stream()
                .map(task -> task.createdNoEarlierThan(notBefore)).toList());
        gateway = RealPushgateway.start();
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) { // null when the program is missing: the test has failed saying so
            gateway.close();
        }
    }

    @Test
    void shouldShowABudgetCrossedDuringARunInBudgetStatusAndInThePushedMetric() throws Exception {
        // given: a budget of 1,000 tokens a month for every task, imported before any task was stored
        Path budgets = dir.resolve("budgets.csv");
        Files.writeString(budgets, "name,scope,scope_value,period,amount,currency\nall-tokens,all,,month,1000,\n");
        assertThat(harness.command("budgets", "import", budgets.toString())).as(harness.lastStandardError()).isZero();
        assertThat(shareUsed()).isZero();

        // when
        int exitCode = harness.sync("--ark.account=team-a", "--ark.pushgateway-url=" + gateway.url());

        // then: crossed in the database, and pushed as such
        assertThat(exitCode).as(harness.lastStandardError()).isZero();
        long tokensThisMonth = harness.count("""
                SELECT coalesce(sum(total_tokens), 0) FROM ark.task_costs
                WHERE month = date_trunc('month', now() AT TIME ZONE 'UTC')::date""");
        assertThat(tokensThisMonth).as("the run stored tokens of tasks created this month").isGreaterThan(1000)
            .isEqualTo(harness.count("SELECT coalesce(sum(total_tokens), 0) FROM ark.task_costs"));
        assertThat(shareUsed()).isEqualTo(tokensThisMonth / 1000.0);
        Map<String, Double> pushed = gateway.scrape();
        assertThat(pushed).hasEntrySatisfying(pushed.keySet().stream()
            .filter(k -> k.startsWith("ark_budget_share_used{") && k.contains(GROUP) && k.contains("budget=\"all-tokens\"")
                    && k.contains("period=\"month\"") && k.contains("unit=\"tokens\""))
            .findFirst().orElseThrow(() -> new AssertionError("no ark_budget_share_used in " + pushed.keySet())),
                share -> assertThat(share).isEqualTo(tokensThisMonth / 1000.0).isGreaterThanOrEqualTo(1.0));
        // and report --budgets prints it
        CapturedRun report = CapturedRun.of(Stream.concat(Stream.of("report", "--budgets", "--format", "csv"),
                Arrays.stream(harness.database().springArguments())).toArray(String[]::new));
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out().lines().toList()).containsExactly(
                "name,scope,scope_value,period,period_start,amount,unit,spent,remaining,share_used,projected,unpriced_tasks",
                report.out().lines().toList().get(1))
            .last().asString().startsWith("all-tokens,all,,month,").contains(",1000,tokens," + tokensThisMonth + ","
                    + (1000 - tokensThisMonth) + "," + (tokensThisMonth / 1000.0) + ",");
    }

    private static Instant monthStart(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private double shareUsed() {
        return harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT share_used FROM ark.budget_status WHERE name = 'all-tokens'").mapTo(Double.class).one());
    }
}

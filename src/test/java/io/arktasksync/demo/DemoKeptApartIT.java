package io.arktasksync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.arktasksync.embedded.EmbeddedDatabase;
import io.arktasksync.embedded.EmbeddedDatabaseStarter;
import io.arktasksync.embedded.EmbeddedTemplate;
import io.arktasksync.report.ReportOptions;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer tries the demo, then syncs a real account into the same embedded default (no SPRING_DATASOURCE_URL):
 * the demo's simulated account never counts as a run of the real one, never marks a real task gone and never shows
 * in a report of real data, while {@code report --demo} still shows the demo's tasks.
 */
class DemoKeptApartIT {

    private static final int DEMO_TASKS = 300;

    private static final int REAL_TASKS = 120;

    private static final String KEY = "sk-real-account-0123456789";

    @TempDir
    Path home;

    private final ArkSimulator realApi = ArkSimulator.start("/api/v3", KEY);

    @AfterEach
    void stopApi() {
        realApi.close();
    }

    @Test
    void shouldKeepTheDemoApartFromARealAccountOnTheEmbeddedDefault() {
        // given: the Quick start's demo (both embedded servers begin from the test JVM's unpacked, initdb'd template)
        EmbeddedTemplate.shareBinariesAndData(home);
        EmbeddedTemplate.shareBinariesAndData(home.resolve(EmbeddedDatabaseStarter.DEMO_SUBDIRECTORY));
        assertThat(run("--demo", "--demo-tasks=" + DEMO_TASKS).exitCode()).isZero();
        realApi.putAll(SimulatedTaskGenerator.generate(REAL_TASKS, 77L, Instant.parse("2026-11-25T12:00:00Z")));

        // when: the first real sync into the embedded default
        CapturedRun real = run("--ark.base-url=" + realApi.baseUrl(), "--ark.api-key=" + KEY);

        // then: a full run that stored every task of the account
        assertThat(real.exitCode()).as(real.out() + real.err()).isZero();
        assertThat(real.out()).contains("started (full)").contains("inserted=" + REAL_TASKS);

        // when: the demo again, reading everything
        assertThat(run("--demo", "--full", "--demo-tasks=" + DEMO_TASKS).exitCode()).isZero();

        // then: the real data holds the real tasks only, none marked gone
        try (EmbeddedDatabase database = EmbeddedDatabase.start(home, Duration.ZERO)) {
            Jdbi jdbi = Jdbi.create(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
            assertThat(count(jdbi, "SELECT count(*) FROM ark.tasks")).isEqualTo(REAL_TASKS);
            assertThat(count(jdbi, "SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isZero();
            assertThat(count(jdbi, "SELECT count(*) FROM ark.sync_runs")).isEqualTo(1);
        }

        // and the report of the real data counts the real tasks only; the demo's has the demo's
        CapturedRun report = run("report", "--by", "account", "--format", "csv");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("default").doesNotContain("demo");
        assertThat(report.out().lines().filter(line -> line.startsWith("default")).findFirst().orElseThrow())
            .contains("," + REAL_TASKS + ",");
        CapturedRun demoReport = run("report", "--demo", "--by", "account", "--format", "csv");
        assertThat(demoReport.exitCode()).as(demoReport.err()).isZero();
        assertThat(demoReport.out()).contains("demo").doesNotContain("default");
    }

    /**
     * With SPRING_DATASOURCE_URL the demo writes into that database, as account {@code demo}: a plain report of it
     * still counts the real tasks only; {@code report --demo} and {@code report --account demo} show the demo's.
     */
    @Test
    void shouldLeaveTheDemoOutOfAReportOfADatabaseItShares() {
        realApi.putAll(SimulatedTaskGenerator.generate(REAL_TASKS, 78L, Instant.parse("2026-11-25T12:00:00Z")));
        try (TestDatabase database = TestDatabase.create()) {
            // given: a demo and a real sync into one configured database
            assertThat(runOn(database, "--demo", "--demo-tasks=" + DEMO_TASKS).exitCode()).isZero();
            CapturedRun real = runOn(database, "--ark.base-url=" + realApi.baseUrl(), "--ark.api-key=" + KEY);
            assertThat(real.exitCode()).as(real.out() + real.err()).isZero();

            // when: a plain report of that database
            CapturedRun report = runOn(database, "report", "--by", "account", "--format", "csv");

            // then: the real tasks only
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(report.out()).contains("default").doesNotContain("demo");
            assertThat(report.out().lines().filter(line -> line.startsWith("default")).findFirst().orElseThrow())
                .contains("," + REAL_TASKS + ",");

            // and the demo's tasks when asked, either way
            for (String[] asked : new String[][] { { "--demo" }, { "--account", "demo" } }) {
                String[] arguments = new String[asked.length + 5];
                arguments[0] = "report";
                System.arraycopy(asked, 0, arguments, 1, asked.length);
                System.arraycopy(new String[] { "--by", "account", "--format", "csv" }, 0, arguments,
                        asked.length + 1, 4);
                CapturedRun demoReport = runOn(database, arguments);
                assertThat(demoReport.exitCode()).as(demoReport.err()).isZero();
                assertThat(demoReport.out()).as(String.join(" ", asked)).doesNotContain("default");
                assertThat(demoReport.out().lines().filter(line -> line.startsWith("demo")).findFirst()
                    .orElseThrow()).contains("," + DEMO_TASKS + ",");
            }
        }
    }

    /** A real account named like the demo's would mix with it: refused before it syncs, one line, exit 2. */
    @Test
    void shouldRefuseARealAccountNamedDemo() {
        try (TestDatabase database = TestDatabase.create()) {
            CapturedRun run = runOn(database, "--ark.account=demo", "--ark.base-url=" + realApi.baseUrl(),
                    "--ark.api-key=" + KEY);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().toList()).singleElement().asString().contains("ARK_ACCOUNT")
                .contains("demo");
            assertThat(realApi.requestCount()).isZero();
        }
    }

    /** A demo would sync the accounts of an ark.accounts list instead of its own: refused, nothing requested. */
    @Test
    void shouldRefuseADemoWithAnAccountList() {
        try (TestDatabase database = TestDatabase.create()) {
            CapturedRun run = runOn(database, "--demo", "--ark.accounts[0].name=prod",
                    "--ark.accounts[0].base-url=" + realApi.baseUrl(), "--ark.accounts[0].api-key=" + KEY);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().toList()).singleElement().asString().contains("ark.accounts");
            assertThat(realApi.requestCount()).isZero();
            assertThat(count(database.jdbi(), "SELECT count(*) FROM ark.sync_runs")).isZero();
        }
    }

    /** The report leaves out the account the demo syncs as: one name in both places. */
    @Test
    void shouldLeaveOutTheDemosAccountName() {
        assertThat(ReportOptions.DEMO_ACCOUNT).isEqualTo(DemoApi.ACCOUNT);
    }

    private CapturedRun runOn(TestDatabase database, String... arguments) {
        String[] spring = database.springArguments();
        String[] all = new String[arguments.length + spring.length];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        System.arraycopy(spring, 0, all, arguments.length, spring.length);
        return run(all);
    }

    private CapturedRun run(String... arguments) {
        String[] all = new String[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--ark.data-dir=" + home;
        return CapturedRun.of(all);
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}

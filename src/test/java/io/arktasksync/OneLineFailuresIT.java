package io.arktasksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quiet by default: a run prints the application's own few lines, and a failure is one line with the right exit
 * code, never a stack trace (those need LOGGING_LEVEL_IO_ARKTASKSYNC=debug).
 */
class OneLineFailuresIT {

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @Test
    void shouldSayInOneLineThatTheDatabaseDoesNotExist() {
        // given
        String url = harness.database().url();
        String missing = url.replaceFirst("/ark_test_\\w+", "/no_such_database");

        // when
        CapturedRun run = sync("--spring.datasource.url=" + missing);

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertSingleLine(run).contains("Database unavailable at").contains("no_such_database")
            .contains("does not exist");
    }

    @Test
    void shouldSayInOneLineThatTheRoleIsRefused() {
        // when
        CapturedRun run = sync("--spring.datasource.username=no_such_role_ark", "--spring.datasource.password=x");

        // then
        assertThat(run.exitCode()).isEqualTo(4);
        assertSingleLine(run).contains("Database unavailable at").contains("no_such_role_ark");
    }

    @Test
    void shouldNameAPageSizeThatIsNotANumber() {
        // when
        CapturedRun run = sync("--ark.page-size=abc");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertSingleLine(run).startsWith("Invalid configuration: ARK_PAGE_SIZE (ark.page-size)").contains("'abc'")
            .endsWith("not a number");
    }

    @Test
    void shouldNameARequestTimeoutThatIsNotADuration() {
        // when
        CapturedRun run = sync("--ark.request-timeout=abc");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertSingleLine(run).startsWith("Invalid configuration: ARK_REQUEST_TIMEOUT (ark.request-timeout)")
            .contains("'abc'");
    }

    @Test
    void shouldSayThatAnUpstreamIsNotAnArkApiAndResumeQuietlyAfterwards() {
        // given: a web server that is no Ark API
        harness.api().putAll(SimulatedTaskGenerator.generate(50, 3L, Instant.parse("2026-11-01T00:00:00Z")));
        harness.api().failNext(1, 404, "<html><body><h1>Not Found</h1></body></html>",
                Map.of("Content-Type", "text/html"));

        // when
        CapturedRun failed = sync();

        // then
        assertThat(failed.exitCode()).isEqualTo(1);
        List<String> lines = lines(failed);
        assertThat(lines).filteredOn(line -> line.contains("ARK_BASE_URL")).singleElement().asString()
            .contains("HTTP 404").contains("is ARK_BASE_URL an Ark API?");
        assertThat(lines).filteredOn(line -> line.contains(" ERROR ")).hasSize(1);
        assertNoStackTrace(lines);

        // and the next run resumes it without replaying the failure
        CapturedRun resumed = sync();
        assertThat(resumed.exitCode()).isZero();
        assertNoStackTrace(lines(resumed));
        assertThat(lines(resumed)).anyMatch(line -> line.contains("Resuming run"));
    }

    @Test
    void shouldSayWhatABaseUrlLooksLikeWhenTheTasksPathWasPastedIntoIt() {
        // when: the API's own 404 (with its NotFound error) for .../contents/generations/tasks/contents/...
        CapturedRun failed = sync("--ark.base-url=" + harness.api().baseUrl() + "/contents/generations/tasks");

        // then
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(lines(failed)).filteredOn(line -> line.contains("HTTP 404")).singleElement().asString()
            .contains("https://ark.cn-beijing.volces.com/api/v3").contains("/volc/v1")
            .contains("without /contents/generations/tasks");
    }

    @Test
    void shouldPrintOnlyTheApplicationsOwnLinesOnADemo() {
        // when
        CapturedRun run = CapturedRun.of(with("--demo", "--demo-tasks=300"));

        // then
        assertThat(run.exitCode()).isZero();
        List<String> lines = lines(run);
        assertThat(lines).as(run.out()).hasSizeLessThanOrEqualTo(4)
            .noneMatch(line -> line.contains("Hikari") || line.contains("Flyway") || line.contains("JobParameter")
                    || line.contains("o.s.b.") || line.contains("org.springframework"));
        assertThat(lines.get(lines.size() - 1)).contains("COMPLETED (exit 0)").contains("inserted=300");
    }

    private CapturedRun sync(String... overrides) {
        List<String> arguments = new ArrayList<>(List.of("--ark.base-url=" + harness.api().baseUrl(),
                "--ark.api-key=" + SyncHarness.API_KEY));
        arguments.addAll(List.of(overrides));
        return CapturedRun.of(with(arguments.toArray(String[]::new)));
    }

    /** The test database's arguments, less those these arguments replace, then these. */
    private String[] with(String... arguments) {
        List<String> all = new ArrayList<>();
        for (String databaseArgument : harness.database().springArguments()) {
            String name = databaseArgument.substring(0, databaseArgument.indexOf('=') + 1);
            if (List.of(arguments).stream().noneMatch(a -> a.startsWith(name))) {
                all.add(databaseArgument);
            }
        }
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertSingleLine(CapturedRun run) {
        assertThat(run.out()).as("standard output").isEmpty();
        return assertThat(run.err().lines().toList()).as("standard error").singleElement().asString();
    }

    private static List<String> lines(CapturedRun run) {
        List<String> lines = new ArrayList<>(run.out().lines().toList());
        lines.addAll(run.err().lines().toList());
        return lines;
    }

    private static void assertNoStackTrace(List<String> lines) {
        assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.matches("\\s+at [\\w.$]+\\(.*")
                || line.startsWith("Caused by:"));
    }
}

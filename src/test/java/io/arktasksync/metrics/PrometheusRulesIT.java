package io.arktasksync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.arktasksync.support.RequiredTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting rules shipped in {@code src/main/prometheus/} are valid for Prometheus and fire exactly in the cases
 * of {@code src/test/prometheus/} (failed run, no success for an hour, no run, unreconciled, rejects), as Debian's
 * {@code promtool} evaluates them.
 */
@Tag(RequiredTool.REAL_TOOLS)
class PrometheusRulesIT {

    private static final Path RULES = Path.of("src/main/prometheus/ark-task-sync-alerts.yml");

    private static final Path CASES = Path.of("src/test/prometheus/ark-task-sync-alerts.test.yml");

    @TempDir
    Path dir;

    @Test
    void shouldBeValidRules() throws Exception {
        // when
        RequiredTool.Result result = promtool(Path.of("."), "check", "rules", RULES.toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void shouldFireInEveryCaseOfTheTestsAndOnlyThere() throws Exception {
        // when
        RequiredTool.Result result = promtool(CASES.getParent(), "test", "rules", CASES.getFileName().toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldFailTheCasesWhenARuleIsChanged() throws Exception {
        // given: the rules with two hours instead of one, which the 61-minute case must catch
        Path rules = dir.resolve("main/prometheus/ark-task-sync-alerts.yml");
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, Files.readString(RULES).replace("> 3600", "> 7200"));
        Path cases = dir.resolve("test/prometheus/ark-task-sync-alerts.test.yml");
        Files.createDirectories(cases.getParent());
        Files.copy(CASES, cases);

        // when
        RequiredTool.Result result = promtool(cases.getParent(), "test", "rules", cases.getFileName().toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("ArkSyncNoSuccessForAnHour");
    }

    private static RequiredTool.Result promtool(Path directory, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(RequiredTool.find("promtool", "prometheus")));
        command.addAll(List.of(arguments));
        return RequiredTool.run(directory, command);
    }
}

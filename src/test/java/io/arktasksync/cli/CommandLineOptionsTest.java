package io.arktasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineOptionsTest {

    @Test
    void shouldSyncWithNoArguments() {
        // when
        CommandLineOptions options = CommandLineOptions.parse();

        // then
        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.SYNC);
        assertThat(options.demo()).isFalse();
        assertThat(options.help()).isFalse();
        assertThat(options.springArguments()).isEmpty();
    }

    @Test
    void shouldRecogniseDemo() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("--demo");

        // then
        assertThat(options.demo()).isTrue();
        assertThat(options.help()).isFalse();
        assertThat(options.springArguments()).isEmpty();
    }

    @Test
    void shouldTakeTheDemosSizeInEitherFormAndImplyTheDemo() {
        assertThat(CommandLineOptions.parse("--demo-tasks", "250").demoTasks()).isEqualTo(250);
        assertThat(CommandLineOptions.parse("--demo-tasks=250")).satisfies(options -> {
            assertThat(options.demoTasks()).isEqualTo(250);
            assertThat(options.demo()).isTrue();
        });
        assertThat(CommandLineOptions.parse("--demo").demoTasks()).isEqualTo(CommandLineOptions.DEFAULT_DEMO_TASKS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "--demo-tasks=abc", "--demo-tasks=0", "--demo-tasks=", "--demo-tasks" })
    void shouldRefuseADemoSizeThatIsNoPositiveNumber(String argument) {
        assertThatThrownBy(() -> CommandLineOptions.parse("--demo", argument))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--demo-tasks must be a number from 1 to");
    }

    @Test
    void shouldRecogniseTheDbCommandWithSpringArguments() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("db", "--ark.data-dir=/tmp/x");

        // then
        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.DB);
        assertThat(options.springArguments()).containsExactly("--ark.data-dir=/tmp/x");
        assertThat(CommandLineOptions.parse("db", "--demo").demo()).isTrue();
        assertThatThrownBy(() -> CommandLineOptions.parse("db", "--full"))
            .hasMessageStartingWith("db: unknown option '--full'");
        assertThatThrownBy(() -> CommandLineOptions.parse("archive", "--demo"))
            .hasMessageStartingWith("archive: unknown option '--demo'");
    }

    @Test
    void shouldReadTheDemosDatabaseWithReportDemo() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("report", "--demo", "--by", "model");

        // then
        assertThat(options.demo()).isTrue();
        assertThat(options.reportArguments()).containsExactly("--by", "model");
        assertThat(CommandLineOptions.parse("report", "--by", "model").demo()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "--help", "-h" })
    void shouldRecogniseHelp(String flag) {
        // when
        CommandLineOptions options = CommandLineOptions.parse(flag);

        // then
        assertThat(options.help()).isTrue();
        assertThat(options.demo()).isFalse();
    }

    @Test
    void shouldPassNameValueArgumentsThroughToSpringInOrder() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("--ark.page-size=100", "--demo", "--x=y",
                "--spring.datasource.url=jdbc:postgresql://db/ark?a=b", "--ark.filter.status=");

        // then
        assertThat(options.demo()).isTrue();
        assertThat(options.springArguments()).containsExactly("--ark.page-size=100", "--x=y",
                "--spring.datasource.url=jdbc:postgresql://db/ark?a=b", "--ark.filter.status=");
    }

    @Test
    void shouldTurnFullIntoTheFullScanSetting() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("--full", "--ark.page-size=100");

        // then
        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.SYNC);
        assertThat(options.springArguments()).containsExactly("--ark.full-scan=true", "--ark.page-size=100");
    }

    @ParameterizedTest
    @ValueSource(strings = { "sync", "--verbose", "-d", "--=value", "--", "x=y", "-x=y", "" })
    void shouldRejectAnUnknownArgumentNamingItAndShowingUsage(String argument) {
        // when / then
        assertThatThrownBy(() -> CommandLineOptions.parse("--demo", argument))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Unknown argument '" + argument + "'")
            .hasMessageContaining("Usage:");
    }

    @Test
    void shouldReturnAnImmutableListOfSpringArguments() {
        // given
        CommandLineOptions options = CommandLineOptions.parse("--x=y");

        // when / then
        assertThatThrownBy(() -> options.springArguments().add("--z=1"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRecogniseTheReportCommandAndSplitItsOptionsFromSettings() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("report", "--by", "model",
                "--spring.datasource.url=jdbc:postgresql://db/ark", "--from=2026-11-01", "--format", "csv");

        // then
        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.REPORT);
        assertThat(options.reportArguments()).containsExactly("--by", "model", "--from=2026-11-01", "--format", "csv");
        assertThat(options.springArguments()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/ark");
        assertThat(options.demo()).isFalse();
        assertThat(options.help()).isFalse();
    }

    @Test
    void shouldLeaveAReportOptionWithoutValueToTheReportToComplainAbout() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("report", "--by", "--format", "json");

        // then
        assertThat(options.reportArguments()).containsExactly("--by", "--format", "json");
    }

    @Test
    void shouldShowHelpForTheReportToo() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("report", "--help");

        // then
        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.REPORT);
        assertThat(options.help()).isTrue();
        assertThat(CommandLineOptions.USAGE).contains("report [--demo] [--from DATE] [--to DATE]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "--full", "--since", "model", "-b" })
    void shouldRejectAnUnknownReportOptionInOneLine(String argument) {
        // when / then
        assertThatThrownBy(() -> CommandLineOptions.parse("report", argument))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("report: unknown option '" + argument + "'")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldTreatReportAfterOtherArgumentsAsUnknown() {
        // when / then: the command comes first, as in git
        assertThatThrownBy(() -> CommandLineOptions.parse("--x=y", "report"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Unknown argument 'report'");
    }

    @Test
    void shouldTakeTheAssumptionsImportWithItsFileAndSettings() {
        // when
        CommandLineOptions options = CommandLineOptions.parse("assumptions", "import", "a.csv",
                "--spring.datasource.url=jdbc:postgresql://db/ark");

        // then
        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.ASSUMPTIONS);
        assertThat(options.reportArguments()).containsExactly("import", "a.csv");
        assertThat(options.springArguments()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/ark");
        assertThat(CommandLineOptions.USAGE).contains("assumptions import FILE.csv");
        assertThatThrownBy(() -> CommandLineOptions.parse("assumptions", "load", "a.csv"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("assumptions: expected 'import FILE.csv'");
    }
}

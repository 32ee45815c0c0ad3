package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.arktasksync.job.reader.PageProgress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressDisplayTest {

    @Test
    void shouldShowABarOnlyOnAnInteractiveTerminalWithPlainLogsWhenAllowed() {
        // given / when / then
        assertThat(ProgressDisplay.showBar(true, true, false)).isTrue();
    }

    @ParameterizedTest(name = "allowed={0} terminal={1} structured logs={2}")
    @CsvSource({ "false, true, false", "true, false, false", "true, true, true", "false, false, true" })
    void shouldShowNoBarWhenSwitchedOffNotOnATerminalOrLoggingJson(boolean allowed, boolean terminal,
            boolean structuredLogs) {
        // given / when / then
        assertThat(ProgressDisplay.showBar(allowed, terminal, structuredLogs)).isFalse();
    }

    @Test
    void shouldKeepTheProgressLinesWithoutABar() {
        // given
        ProgressDisplay display = new ProgressDisplay(false, 50, Clock.systemUTC());

        // when
        try (PageProgress progress = display.forRun(new SyncRunStatistics(), 500)) {

            // then
            assertThat(progress).isInstanceOf(ProgressLog.class);
        }
    }

    @Test
    void shouldDrawABarInsteadOfTheProgressLinesWhenChosen() {
        // given
        ProgressDisplay display = new ProgressDisplay(true, 50, Clock.systemUTC());

        // when
        try (PageProgress progress = display.forRun(new SyncRunStatistics(), 500)) {

            // then
            assertThat(progress).isInstanceOf(TerminalProgressBar.class);
        }
    }
}

package io.arktasksync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArchiveCommandLineTest {

    @Test
    void archiveTakesSettingsOnly() {
        CommandLineOptions options = CommandLineOptions.parse("archive", "--ark.archive.url=file:///a",
                "--ark.archive.concurrency=8");

        assertThat(options.command()).isEqualTo(CommandLineOptions.Command.ARCHIVE);
        assertThat(options.springArguments()).isEqualTo(List.of("--ark.archive.url=file:///a",
                "--ark.archive.concurrency=8"));
        assertThat(CommandLineOptions.parse("archive", "--help").help()).isTrue();
        assertThatThrownBy(() -> CommandLineOptions.parse("archive", "--full"))
            .hasMessage("archive: unknown option '--full'; usage: java -jar ark-task-sync.jar archive [--name=value ...]");
    }
}

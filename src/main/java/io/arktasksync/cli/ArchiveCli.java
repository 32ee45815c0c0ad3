package io.arktasksync.cli;

import java.util.Map;

import io.arktasksync.archive.ArchiveCommand;

/** {@code archive}: archives the outputs of the stored tasks; never the API. */
public final class ArchiveCli implements CliCommand {

    private final ContextLaunch launch;

    public ArchiveCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        return launch.run(options.springArguments().toArray(String[]::new), false, true, false, Map.of(),
                (context, embedded) -> context.getBean(ArchiveCommand.class).run());
    }
}

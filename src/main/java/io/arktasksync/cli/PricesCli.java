package io.arktasksync.cli;

import java.nio.file.Path;
import java.util.Map;

import io.arktasksync.prices.PriceImportCommand;

/** {@code prices import FILE}: upserts a price list; migrates like a sync, so prices can be loaded before the first one. */
public final class PricesCli implements CliCommand {

    private final ContextLaunch launch;

    public PricesCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        return launch.run(options.springArguments().toArray(String[]::new), Map.of(),
                (context, embedded) -> context.getBean(PriceImportCommand.class)
                    .run(Path.of(options.reportArguments().get(1)), System.out, System.err));
    }
}

package io.arktasksync.cli;

import java.nio.file.Path;
import java.util.Map;

import io.arktasksync.prices.PriceAssumptionImportCommand;

/**
 * {@code assumptions import FILE}: upserts what prices assume of an account's or model's tasks; migrates like a sync,
 * so assumptions can be set before the first one.
 */
public final class AssumptionsCli implements CliCommand {

    private final ContextLaunch launch;

    public AssumptionsCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        return launch.run(options.springArguments().toArray(String[]::new), Map.of(),
                (context, embedded) -> context.getBean(PriceAssumptionImportCommand.class)
                    .run(Path.of(options.reportArguments().get(1)), System.out, System.err));
    }
}

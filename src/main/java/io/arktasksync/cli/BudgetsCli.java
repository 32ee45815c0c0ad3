package io.arktasksync.cli;

import java.nio.file.Path;
import java.util.Map;

import io.arktasksync.budgets.BudgetImportCommand;

/** {@code budgets import FILE}: upserts a budget list; migrates like a sync, so budgets can be set before the first one. */
public final class BudgetsCli implements CliCommand {

    private final ContextLaunch launch;

    public BudgetsCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        return launch.run(options.springArguments().toArray(String[]::new), Map.of(),
                (context, embedded) -> context.getBean(BudgetImportCommand.class)
                    .run(Path.of(options.reportArguments().get(1)), System.out, System.err));
    }
}

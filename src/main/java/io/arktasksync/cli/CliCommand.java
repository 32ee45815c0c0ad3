package io.arktasksync.cli;

/** One command of the command line ({@code report}, {@code db}, a sync...): what it does, given the parsed options. */
@FunctionalInterface
public interface CliCommand {

    /** @return the process's exit code, from {@link io.arktasksync.cli.exit.ExitCode} */
    int run(CommandLineOptions options);
}

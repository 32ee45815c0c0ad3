package io.arktasksync.cli;

import java.io.IOException;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.embedded.EmbeddedDatabase;

/** {@code db}: keeps the embedded server up, and says how to open it, until Enter, end of input or Ctrl-C. */
public final class DbCli implements CliCommand {

    private final ContextLaunch launch;

    public DbCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        return launch.run(options.springArguments().toArray(String[]::new), false, false, options.demo(),
                ContextLaunch.READ_ONLY_DEFAULTS, (context, embedded) -> {
                    if (embedded == null) {
                        System.err.println("SPRING_DATASOURCE_URL is set: open that database with psql directly "
                                + "(the db command serves the embedded one)");
                        return ExitCode.INVALID_CONFIGURATION.code();
                    }
                    embedded.serveOtherCommands();
                    System.out.println("Embedded PostgreSQL running. In another terminal: " + embedded.psqlCommand()
                            + "   (JDBC: " + embedded.jdbcUrl() + ", user " + EmbeddedDatabase.USER + ", password "
                            + embedded.password() + "). Meanwhile, syncs and reports on this data use this server. "
                            + "Press Enter to stop it.");
                    waitForEnter();
                    return ExitCode.SUCCESS.code();
                });
    }

    private static void waitForEnter() throws IOException {
        int read;
        do {
            read = System.in.read();
        }
        while (read != -1 && read != '\n');
    }
}

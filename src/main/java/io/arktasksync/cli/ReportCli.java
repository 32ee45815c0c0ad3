package io.arktasksync.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.demo.DemoApi;
import io.arktasksync.report.ReportCommand;
import io.arktasksync.report.ReportOptions;
import io.arktasksync.schema.SchemaVersion;

/** {@code report}: checks the report's options before anything connects, then reads the database; never the API. */
public final class ReportCli implements CliCommand {

    private final ContextLaunch launch;

    public ReportCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        ReportOptions asked;
        try {
            asked = ReportOptions.parse(options.reportArguments(), LocalDate.now(ZoneOffset.UTC));
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        // the demo's tasks, also where the demo shares a configured database with real accounts
        ReportOptions reportOptions = options.demo() && asked.account() == null ? asked.withAccount(DemoApi.ACCOUNT)
                : asked;
        // Standard output carries the report alone, because csv and json are piped into other programs: whatever
        // else writes to it meanwhile (a warning, the embedded database's line) goes to standard error instead.
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return launch.run(options.springArguments().toArray(String[]::new), false, false, options.demo(),
                    ContextLaunch.READ_ONLY_DEFAULTS, (context, embedded) -> {
                        SchemaVersion.requireMigrated(context.getBean(DataSource.class));
                        return context.getBean(ReportCommand.class).run(reportOptions, out, System.err);
                    });
        }
        finally {
            System.setOut(out);
        }
    }
}

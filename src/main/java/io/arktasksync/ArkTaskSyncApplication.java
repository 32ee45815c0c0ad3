package io.arktasksync;

import io.arktasksync.cli.ArchiveCli;
import io.arktasksync.cli.AssumptionsCli;
import io.arktasksync.cli.BudgetsCli;
import io.arktasksync.cli.CliCommand;
import io.arktasksync.cli.CommandLineOptions;
import io.arktasksync.cli.ContextLaunch;
import io.arktasksync.cli.DbCli;
import io.arktasksync.cli.PricesCli;
import io.arktasksync.cli.ReportCli;
import io.arktasksync.cli.SyncCli;
import io.arktasksync.cli.exit.ExitCode;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs one sync, prints the usage report, or serves the embedded database to psql, and exits with a code from
 * {@link ExitCode}: the shape of a cron job or Kubernetes CronJob. The commands are in {@code cli}; this class is the
 * entry point and the Spring Boot configuration every command's context starts from.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArkTaskSyncApplication {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command in this JVM and returns the exit code instead of exiting (tests call this). */
    public static int run(String... args) {
        CommandLineOptions options;
        try {
            options = CommandLineOptions.parse(args);
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        if (options.help()) {
            System.out.println(CommandLineOptions.USAGE);
            return ExitCode.SUCCESS.code();
        }
        ContextLaunch launch = new ContextLaunch(ArkTaskSyncApplication.class);
        CliCommand command = switch (options.command()) {
            case SYNC -> new SyncCli(launch);
            case REPORT -> new ReportCli(launch);
            case DB -> new DbCli(launch);
            case ARCHIVE -> new ArchiveCli(launch);
            case PRICES -> new PricesCli(launch);
            case BUDGETS -> new BudgetsCli(launch);
            case ASSUMPTIONS -> new AssumptionsCli(launch);
        };
        return command.run(options);
    }
}

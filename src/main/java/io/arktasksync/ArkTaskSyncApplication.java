package io.arktasksync;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.arktasksync.run.AccountSyncs;
import io.arktasksync.archive.ArchiveCommand;
import io.arktasksync.archive.ArchiveSettingsCheck;
import io.arktasksync.config.InvalidSettingsException;
import io.arktasksync.config.SettingsCheck;
import io.arktasksync.demo.DemoApi;
import io.arktasksync.embedded.EmbeddedDatabase;
import io.arktasksync.embedded.EmbeddedDatabaseStarter;
import io.arktasksync.budgets.BudgetImportCommand;
import io.arktasksync.prices.PriceAssumptionImportCommand;
import io.arktasksync.prices.PriceImportCommand;
import io.arktasksync.report.ReportCommand;
import io.arktasksync.report.ReportOptions;
import io.arktasksync.run.ExitCode;
import io.arktasksync.run.FailureReport;
import io.arktasksync.schema.SchemaNotReadyException;
import io.arktasksync.schema.SchemaVersion;
import org.jdbi.v3.core.Jdbi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one sync, prints the usage report, or serves the embedded database to psql, and exits with a code from
 * {@link ExitCode}: the shape of a cron job or Kubernetes CronJob.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArkTaskSyncApplication {

    /** The commands that only read: Flyway stays off (the report checks the schema with SchemaVersion instead). */
    private static final Map<String, Object> READ_ONLY_DEFAULTS = Map.of("spring.flyway.enabled", "false");

    /** How the archive is set on the command line; the demo replaces it with an empty one. */
    private static final String ARCHIVE_URL_ARGUMENT = "--ark.archive.url=";

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
        return switch (options.command()) {
            case SYNC -> sync(options);
            case REPORT -> report(options);
            case DB -> database(options);
            case ARCHIVE -> archive(options);
            case PRICES -> prices(options);
            case BUDGETS -> budgets(options);
            case ASSUMPTIONS -> assumptions(options);
        };
    }

    private static int sync(CommandLineOptions options) {
        DemoApi demoApi = options.demo() ? DemoApi.start(options.demoTasks()) : null;
        if (demoApi != null && archiveRequested(options)) {
            System.out.println("Demo: archiving (ARK_ARCHIVE_URL) is off: the demo's output links lead to no real "
                    + "storage, and a demo sends nothing beyond loopback");
        }
        try {
            return runInContext(springArguments(options, demoApi), true, false, options.demo(), Map.of(),
                    (context, embedded) -> {
                if (demoApi != null) {
                    demoApi.serveWorldOf(context.getBean(Jdbi.class), System.out);
                }
                return context.getBean(AccountSyncs.class).run().code();
            });
        }
        finally {
            if (demoApi != null) {
                demoApi.close();
            }
        }
    }

    /** Checks the report's options before anything connects, then reads the database; never the API. */
    private static int report(CommandLineOptions options) {
        ReportOptions reportOptions;
        try {
            reportOptions = ReportOptions.parse(options.reportArguments(), LocalDate.now(ZoneOffset.UTC));
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        // Standard output carries the report alone, because csv and json are piped into other programs: whatever
        // else writes to it meanwhile (a warning, the embedded database's line) goes to standard error instead.
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return runInContext(options.springArguments().toArray(String[]::new), false, false, options.demo(),
                    READ_ONLY_DEFAULTS, (context, embedded) -> {
                        SchemaVersion.requireMigrated(context.getBean(DataSource.class));
                        return context.getBean(ReportCommand.class).run(reportOptions, out, System.err);
                    });
        }
        finally {
            System.setOut(out);
        }
    }

    /** {@code db}: keeps the embedded server up, and says how to open it, until Enter, end of input or Ctrl-C. */
    private static int database(CommandLineOptions options) {
        return runInContext(options.springArguments().toArray(String[]::new), false, false, options.demo(),
                READ_ONLY_DEFAULTS, (context, embedded) -> {
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

    /** Upserts a price list; migrates like a sync, so prices can be loaded before the first one. */
    private static int prices(CommandLineOptions options) {
        return runInContext(options.springArguments().toArray(String[]::new), false, Map.of(),
                (context, embedded) -> context.getBean(PriceImportCommand.class)
                    .run(Path.of(options.reportArguments().get(1)), System.out, System.err));
    }

    /** Upserts a budget list; migrates like a sync, so budgets can be set before the first one. */
    private static int budgets(CommandLineOptions options) {
        return runInContext(options.springArguments().toArray(String[]::new), false, Map.of(),
                (context, embedded) -> context.getBean(BudgetImportCommand.class)
                    .run(Path.of(options.reportArguments().get(1)), System.out, System.err));
    }

    /** Upserts an assumption list; migrates like a sync, so assumptions can be set before the first one. */
    private static int assumptions(CommandLineOptions options) {
        return runInContext(options.springArguments().toArray(String[]::new), false, Map.of(),
                (context, embedded) -> context.getBean(PriceAssumptionImportCommand.class)
                    .run(Path.of(options.reportArguments().get(1)), System.out, System.err));
    }

    /** Archives the outputs of the stored tasks; never the API. */
    private static int archive(CommandLineOptions options) {
        return runInContext(options.springArguments().toArray(String[]::new), false, true, false, Map.of(),
                (context, embedded) -> context.getBean(ArchiveCommand.class).run());
    }

    /**
     * Starts the application context (settings checked first, the embedded database started when none is
     * configured, Flyway migrates), runs the command in it, and turns failures into one line on standard error and
     * an exit code. The embedded database stops after the context has closed.
     */
    private static int runInContext(String[] springArguments, boolean sync, Map<String, Object> defaults,
            ContextCommand command) {
        return runInContext(springArguments, sync, false, false, defaults, command);
    }

    /**
     * @param archive whether the command archives, so that ARK_ARCHIVE_URL must be set
     * @param demo whether the command works on the demo's database
     */
    private static int runInContext(String[] springArguments, boolean sync, boolean archive, boolean demo,
            Map<String, Object> defaults, ContextCommand command) {
        SettingsCheck settingsCheck = new SettingsCheck(sync);
        ArchiveSettingsCheck archiveSettingsCheck = new ArchiveSettingsCheck(archive);
        EmbeddedDatabaseStarter embedded = new EmbeddedDatabaseStarter(sync || archive, demo);
        try {
            SpringApplication application = new SpringApplication(ArkTaskSyncApplication.class);
            // in this order: settings are checked before a database starts
            application.addListeners(settingsCheck, archiveSettingsCheck, embedded);
            application.setDefaultProperties(defaults);
            try (ConfigurableApplicationContext context = application.run(springArguments)) {
                return command.run(context, embedded.database());
            }
        }
        catch (InvalidSettingsException e) {
            System.err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        catch (SchemaNotReadyException e) {
            System.err.println(e.getMessage());
            return ExitCode.FAILED.code();
        }
        catch (Exception e) {
            String url = embedded.database() != null ? embedded.database().jdbcUrl() : settingsCheck.datasourceUrl();
            return FailureReport.print(e, url, System.err);
        }
        finally {
            embedded.close();
        }
    }

    @FunctionalInterface
    private interface ContextCommand {

        /**
         * @param embedded the embedded database the command runs on, null when the settings named one
         * @return the exit code
         */
        int run(ConfigurableApplicationContext context, EmbeddedDatabase embedded) throws Exception;
    }

    private static String[] springArguments(CommandLineOptions options, DemoApi demoApi) {
        List<String> arguments = new ArrayList<>(options.springArguments());
        if (demoApi != null) {
            // a second --ark.archive.url would be joined to the first, not replace it
            arguments.removeIf(argument -> argument.startsWith(ARCHIVE_URL_ARGUMENT));
            arguments.add("--ark.base-url=" + demoApi.baseUrl());
            arguments.add("--ark.api-key=" + DemoApi.API_KEY);
            // an account of its own, in whatever database: a demo run is never a run of a real account
            arguments.add("--ark.account=" + DemoApi.ACCOUNT);
            arguments.add(ARCHIVE_URL_ARGUMENT);
        }
        return arguments.toArray(String[]::new);
    }

    /** Whether archiving was asked for on the command line or in the environment (what a demo turns off). */
    private static boolean archiveRequested(CommandLineOptions options) {
        String fromEnvironment = System.getenv("ARK_ARCHIVE_URL");
        return fromEnvironment != null && !fromEnvironment.isBlank() || options.springArguments().stream()
            .anyMatch(argument -> argument.startsWith(ARCHIVE_URL_ARGUMENT)
                    && argument.length() > ARCHIVE_URL_ARGUMENT.length());
    }
}

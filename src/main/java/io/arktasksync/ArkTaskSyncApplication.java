package io.arktasksync;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arktasksync.account.AccountSyncs;
import io.arktasksync.config.CommandLineOptions;
import io.arktasksync.config.InvalidSettingsException;
import io.arktasksync.config.SettingsCheck;
import io.arktasksync.report.ReportCommand;
import io.arktasksync.report.ReportOptions;
import io.arktasksync.run.ExitCode;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTaskGenerator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one sync, or prints the usage report, and exits with a code from {@link ExitCode}: the shape of a cron job
 * or Kubernetes CronJob.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArkTaskSyncApplication {

    /** Tasks the demo API serves: enough for several pages in both tiers, small enough to sync in seconds. */
    static final int DEMO_TASKS = 3_000;

    /**
     * Logging of the report, unless configured otherwise: warnings only, so that a terminal shows the table, not
     * the startup chatter.
     */
    private static final Map<String, Object> REPORT_DEFAULTS = Map.of("logging.level.root", "WARN");

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
        };
    }

    private static int sync(CommandLineOptions options) {
        ArkSimulator demoApi = options.demo() ? startDemoApi() : null;
        try {
            return runInContext(springArguments(options, demoApi), true, Map.of(),
                    context -> context.getBean(AccountSyncs.class).run().code());
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
        // else writes to it meanwhile (console logging: Flyway, the pool) goes to standard error instead.
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return runInContext(options.springArguments().toArray(String[]::new), false, REPORT_DEFAULTS,
                    context -> context.getBean(ReportCommand.class).run(reportOptions, out, System.err));
        }
        finally {
            System.setOut(out);
        }
    }

    /**
     * Starts the application context (settings checked first, Flyway migrates), runs the command in it, and turns
     * failures into one line on standard error and an exit code.
     */
    private static int runInContext(String[] springArguments, boolean needsApi, Map<String, Object> defaults,
            ContextCommand command) {
        SettingsCheck settingsCheck = new SettingsCheck(needsApi);
        try {
            SpringApplication application = new SpringApplication(ArkTaskSyncApplication.class);
            application.addListeners(settingsCheck);
            application.setDefaultProperties(defaults);
            try (ConfigurableApplicationContext context = application.run(springArguments)) {
                return command.run(context);
            }
        }
        catch (InvalidSettingsException e) {
            System.err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        catch (Exception e) {
            return reportFailure(e, settingsCheck);
        }
    }

    @FunctionalInterface
    private interface ContextCommand {

        /** @return the exit code */
        int run(ConfigurableApplicationContext context) throws Exception;
    }

    private static int reportFailure(Exception e, SettingsCheck settingsCheck) {
        ExitCode code = ExitCode.forFailure(e);
        if (code == ExitCode.DATABASE_UNAVAILABLE) {
            System.err.println("Database unavailable at " + settingsCheck.datasourceUrlForDisplay()
                    + " (set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD): "
                    + rootCause(e).getMessage());
            return code.code();
        }
        System.err.println("ark-task-sync failed: " + ExitCode.describe(e));
        e.printStackTrace();
        return code.code();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String[] springArguments(CommandLineOptions options, ArkSimulator demoApi) {
        List<String> arguments = new ArrayList<>(options.springArguments());
        if (demoApi != null) {
            arguments.add("--ark.base-url=" + demoApi.baseUrl());
            arguments.add("--ark.api-key=" + DEMO_API_KEY);
        }
        return arguments.toArray(String[]::new);
    }

    private static final String DEMO_API_KEY = "demo-key";

    private static ArkSimulator startDemoApi() {
        ArkSimulator simulator = ArkSimulator.start("/api/v3", DEMO_API_KEY);
        simulator.putAll(SimulatedTaskGenerator.generate(DEMO_TASKS, 42L, Instant.now()));
        System.out.println("Demo: serving " + DEMO_TASKS + " simulated tasks at " + simulator.baseUrl());
        return simulator;
    }
}

package io.arktasksync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.arktasksync.config.CommandLineOptions;
import io.arktasksync.config.InvalidSettingsException;
import io.arktasksync.config.SettingsCheck;
import io.arktasksync.run.ExitCode;
import io.arktasksync.run.SyncRunner;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTaskGenerator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one sync and exits with a code from {@link ExitCode}: the shape of a cron job or Kubernetes CronJob.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArkTaskSyncApplication {

    /** Tasks the demo API serves: enough for several pages in both tiers, small enough to sync in seconds. */
    static final int DEMO_TASKS = 3_000;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one sync in this JVM and returns the exit code instead of exiting (tests call this). */
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
        ArkSimulator demoApi = options.demo() ? startDemoApi() : null;
        SettingsCheck settingsCheck = new SettingsCheck();
        try {
            SpringApplication application = new SpringApplication(ArkTaskSyncApplication.class);
            application.addListeners(settingsCheck);
            try (ConfigurableApplicationContext context = application.run(springArguments(options, demoApi))) {
                return context.getBean(SyncRunner.class).run().exitCode().code();
            }
        }
        catch (InvalidSettingsException e) {
            System.err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        catch (Exception e) {
            return reportFailure(e, settingsCheck);
        }
        finally {
            if (demoApi != null) {
                demoApi.close();
            }
        }
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

package io.arktasksync.cli;

import java.util.Map;

import io.arktasksync.archive.ArchiveSettings;
import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.config.InvalidSettingsException;
import io.arktasksync.config.SettingsCheck;
import io.arktasksync.embedded.EmbeddedDatabase;
import io.arktasksync.embedded.EmbeddedDatabaseStarter;
import io.arktasksync.schema.SchemaNotReadyException;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application context for one command (settings checked first, the embedded database started when none is
 * configured, Flyway migrates), runs the command in it, and turns failures into one line on standard error and an
 * exit code. The embedded database stops after the context has closed. Every command runs in a context this way.
 */
public final class ContextLaunch {

    /** The commands that only read: Flyway stays off (the report checks the schema with SchemaVersion instead). */
    static final Map<String, Object> READ_ONLY_DEFAULTS = Map.of("spring.flyway.enabled", "false");

    private final Class<?> application;

    /** @param application the Spring Boot application class, the context's configuration */
    public ContextLaunch(Class<?> application) {
        this.application = application;
    }

    /** A command that neither syncs, archives nor works on the demo's database. */
    int run(String[] springArguments, Map<String, Object> defaults, ContextCommand command) {
        return run(springArguments, false, false, false, defaults, command);
    }

    /**
     * @param sync whether the command syncs, so that the API settings must be set
     * @param archive whether the command archives, so that ARK_ARCHIVE_URL must be set
     * @param demo whether the command works on the demo's database
     * @param defaults Spring properties the command's settings may override
     */
    int run(String[] springArguments, boolean sync, boolean archive, boolean demo, Map<String, Object> defaults,
            ContextCommand command) {
        SettingsCheck settingsCheck = new SettingsCheck(sync, ArchiveSettings.check(archive));
        EmbeddedDatabaseStarter embedded = new EmbeddedDatabaseStarter(sync || archive, demo);
        try {
            SpringApplication springApplication = new SpringApplication(application);
            // in this order: settings are checked before a database starts
            springApplication.addListeners(settingsCheck, embedded);
            springApplication.setDefaultProperties(defaults);
            try (ConfigurableApplicationContext context = springApplication.run(springArguments)) {
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

    /** What a command does once its context is up. */
    @FunctionalInterface
    interface ContextCommand {

        /**
         * @param embedded the embedded database the command runs on, null when the settings named one
         * @return the exit code
         */
        int run(ConfigurableApplicationContext context, EmbeddedDatabase embedded) throws Exception;
    }
}

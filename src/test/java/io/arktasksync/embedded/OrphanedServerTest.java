package io.arktasksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed run's {@code postmaster.pid} may name a process id that the system has since given to another program:
 * the cleanup signals only the server that the file describes.
 */
class OrphanedServerTest {

    @TempDir
    Path dir;

    private Process unrelated;

    @AfterEach
    void stopUnrelated() {
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void shouldLeaveAnUnrelatedProcessWithTheRecordedPidAlone() throws Exception {
        // given: a program called "postgres" whose command line even names the data directory, started now, with
        // the pid of a pid file written by a server that started an hour ago
        Path data = Files.createDirectories(dir.resolve(EmbeddedDatabase.DATA_SUBDIRECTORY));
        unrelated = startProgramCalledPostgres(data);
        long serverStart = Instant.now().minusSeconds(3_600).getEpochSecond();
        Files.writeString(data.resolve("postmaster.pid"),
                unrelated.pid() + "\n" + data + "\n" + serverStart + "\n54321\n/tmp\nlocalhost\n  5432001  1\nready   \n");

        // when
        OrphanedServer.stopIfAny(data);

        // then
        assertThat(unrelated.waitFor(2, TimeUnit.SECONDS)).as("the unrelated process was signalled").isFalse();
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void shouldRecogniseTheServerThePidFileDescribes() throws Exception {
        // given: the same program, started when the pid file says
        Path data = Files.createDirectories(dir.resolve(EmbeddedDatabase.DATA_SUBDIRECTORY));
        unrelated = startProgramCalledPostgres(data);
        long started = unrelated.info().startInstant().orElseThrow().getEpochSecond();
        Path pidFile = data.resolve("postmaster.pid");
        Files.writeString(pidFile, unrelated.pid() + "\n" + data + "\n" + started + "\n54321\n");

        // when / then
        assertThat(OrphanedServer.serverProcess(data, pidFile)).map(ProcessHandle::pid).contains(unrelated.pid());
    }

    /** A shell named {@code postgres} that sleeps, with the data directory on its command line. */
    private Process startProgramCalledPostgres(Path data) throws Exception {
        Path program = Files.createDirectories(dir.resolve("bin")).resolve("postgres");
        Files.copy(Path.of("/bin/sh"), program, StandardCopyOption.COPY_ATTRIBUTES);
        return new ProcessBuilder(List.of(program.toString(), "-c", "sleep 600; true", data.toString())).start();
    }
}

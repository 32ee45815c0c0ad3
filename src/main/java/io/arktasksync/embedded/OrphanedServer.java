package io.arktasksync.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A server left running on the data directory by a process of ours that was killed (SIGKILL, OOM kill) before it
 * could stop it. Found through {@code postmaster.pid} while nobody holds the embedded server's lock file (a live
 * process of ours always does), and stopped before a new server starts on the same data: only when the process with
 * the recorded id really is that server (a PostgreSQL whose command line names this data directory, started when the
 * pid file says), never whatever process has reused the id since.
 */
final class OrphanedServer {

    /** The lock file zonky's EmbeddedPostgres holds while its server runs. */
    private static final String LOCK_FILE = "epg-lock";

    /** postmaster.pid's start time is in whole seconds; the process's start time is read otherwise. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(3);

    private OrphanedServer() {
    }

    static void stopIfAny(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (RandomAccessFile lockFile = new RandomAccessFile(data.resolve(LOCK_FILE).toFile(), "rw");
                FileLock lock = lockFile.getChannel().tryLock()) {
            if (lock == null) {
                throw EmbeddedDatabaseException.busy(data);
            }
            Optional<ProcessHandle> server = serverProcess(data, pidFile);
            if (server.isEmpty()) {
                return; // a stale pid file: PostgreSQL itself ignores it
            }
            // SIGTERM: PostgreSQL's smart shutdown, immediate since the dead process's connections are gone
            server.get().destroy();
            try {
                server.get().onExit().get(30, TimeUnit.SECONDS);
            }
            catch (Exception e) {
                server.get().destroyForcibly();
            }
        }
        catch (OverlappingFileLockException e) {
            // this JVM runs a server on the same data already
            throw EmbeddedDatabaseException.busy(data);
        }
    }

    /** Whether a live process of ours (another one) holds the server's lock on this data. */
    static boolean lockedByAnotherProcess(Path data) throws IOException {
        Path lockPath = data.resolve(LOCK_FILE);
        if (!Files.exists(lockPath)) {
            return false;
        }
        try (RandomAccessFile lockFile = new RandomAccessFile(lockPath.toFile(), "rw");
                FileLock lock = lockFile.getChannel().tryLock()) {
            return lock == null;
        }
        catch (OverlappingFileLockException e) {
            return false; // this JVM's own
        }
    }

    /** The port a running server recorded (postmaster.pid's fourth line). */
    static OptionalInt port(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() > 3 && lines.get(3).strip().matches("\\d+")
                ? OptionalInt.of(Integer.parseInt(lines.get(3).strip())) : OptionalInt.empty();
    }

    /**
     * The live server process that {@code postmaster.pid} describes: its first lines are the process id, the data
     * directory and the start time (epoch seconds).
     */
    static Optional<ProcessHandle> serverProcess(Path data, Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 3 || !lines.get(0).strip().matches("\\d+") || !lines.get(2).strip().matches("\\d+")) {
            return Optional.empty();
        }
        if (!Path.of(lines.get(1).strip()).toAbsolutePath().normalize().equals(data.toAbsolutePath().normalize())) {
            return Optional.empty(); // the pid file of another data directory, copied here
        }
        Instant recordedStart = Instant.ofEpochSecond(Long.parseLong(lines.get(2).strip()));
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postgres.exe")).orElse(false))
            .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString())).orElse(false))
            .filter(p -> p.info().startInstant()
                .map(started -> Duration.between(recordedStart, started).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(false));
    }
}

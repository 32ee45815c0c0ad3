package io.arktasksync.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server left running on the data directory by a process of ours that was killed (SIGKILL, OOM kill) before it
 * could stop it. Found through {@code postmaster.pid} while nobody holds the embedded server's lock file (a live
 * process of ours always does), and stopped before a new server starts on the same data.
 */
final class OrphanedServer {

    /** The lock file zonky's EmbeddedPostgres holds while its server runs. */
    private static final String LOCK_FILE = "epg-lock";

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
            Optional<ProcessHandle> server = serverProcess(pidFile);
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

    private static Optional<ProcessHandle> serverProcess(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}

package io.arktasksync.embedded;

import java.io.IOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The embedded server is private to its user: it accepts only password (SCRAM) connections on loopback, no Unix
 * socket and no trust, and the password lives in a file only this user can read, inside the data directory (which
 * PostgreSQL keeps at mode 0700). A data directory made by an earlier release (trust, no password) gets its password
 * on the next start.
 */
final class ServerPassword {

    static final String FILE = "ark-password";

    /** Written on every start, so that an edited or an older data directory is private again. */
    static final String PG_HBA = """
            # Written by ark-task-sync on every start of its embedded server: loopback TCP with the password in
            # ark-password only; no Unix-socket ("local") entry, so no other local user gets in.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private ServerPassword() {
    }

    /** The password the server on {@code data} has, or a new one that {@link #ensure} will give it. */
    static String existingOrNew(Path data) {
        try {
            if (Files.isRegularFile(data.resolve(FILE))) {
                return read(data);
            }
        }
        catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not read the embedded PostgreSQL's password in " + data + " ("
                    + e.getMessage() + ")", e);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * Before the server starts: password authentication only, and the superuser given {@code password} in
     * single-user mode if the data directory has none yet, so that the server never listens while one can log in
     * without it.
     */
    static void ensure(Path data, Path binaries, Path log, String password) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
            Path file = data.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                setInSingleUserMode(data, binaries, log, password);
                writePrivately(file, password);
            }
        }
        catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not make the embedded PostgreSQL in " + data + " private ("
                    + e.getMessage() + "; its log: " + log + ")", e);
        }
    }

    /** Read by a command that shares the server another one runs. */
    static String read(Path data) throws IOException {
        return Files.readString(data.resolve(FILE), StandardCharsets.UTF_8).strip();
    }

    private static void setInSingleUserMode(Path data, Path binaries, Path log, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as root, the way zonky runs initdb and the server: PostgreSQL refuses root
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(serverBinary(binaries).toString(), "--single", "-D", data.toString(), "postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile())).start();
        try (Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
            // hex only: nothing to escape
            in.write("ALTER ROLE postgres PASSWORD '" + password + "';\n");
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the single-user server setting the password did not end within 60 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the password", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the single-user server setting the password exited with " + process.exitValue());
        }
    }

    /** The binaries zonky unpacked last into our private directory ({@code PG-<digest>/bin/postgres}). */
    private static Path serverBinary(Path binaries) throws IOException {
        try (Stream<Path> unpacked = Files.list(binaries)) {
            return unpacked.filter(dir -> Files.isRegularFile(dir.resolve(".exists")))
                .max((a, b) -> Long.compare(a.resolve(".exists").toFile().lastModified(),
                        b.resolve(".exists").toFile().lastModified()))
                .map(dir -> dir.resolve("bin").resolve(isWindows() ? "postgres.exe" : "postgres"))
                .orElseThrow(() -> new IOException("no unpacked server binaries in " + binaries));
        }
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}

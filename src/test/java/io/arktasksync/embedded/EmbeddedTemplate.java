package io.arktasksync.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * One embedded-server home per test JVM, made once by {@link EmbeddedDatabase#start} itself (binaries unpacked, initdb
 * run, the password set, the server started and stopped), that the tests which do not test a first start begin from:
 * unpacking the binaries and initdb take ~15 s on 2 busy cores, a copy well under one. The tests of the first start
 * itself (EmbeddedDatabaseIT's demo on a new directory, its durability and privacy check) start from nothing.
 */
public final class EmbeddedTemplate {

    private static Path template;

    private EmbeddedTemplate() {
    }

    /**
     * Gives {@code home} the template's unpacked binaries, in a private {@code binaries} directory as the application
     * makes it: the application then finds them unpacked and starts at once (initdb still runs on a new data
     * directory).
     */
    public static void shareBinaries(Path home) {
        Path binaries = home.resolve(EmbeddedDatabase.BINARIES_SUBDIRECTORY);
        try {
            Files.createDirectories(home);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(binaries, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            else {
                Files.createDirectory(binaries);
            }
            // Hard links: the binaries are only read, and 60 MB are not copied for every test.
            copyTree(template().resolve(EmbeddedDatabase.BINARIES_SUBDIRECTORY), binaries, true);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives {@code home} the template's binaries and a copy of its data directory: {@code home} is then the home of a
     * server that ran once and was stopped cleanly, with its own password.
     */
    public static void shareBinariesAndData(Path home) {
        shareBinaries(home);
        try {
            // A copy, not links: the server writes into its data files.
            copyTree(template().resolve(EmbeddedDatabase.DATA_SUBDIRECTORY),
                    home.resolve(EmbeddedDatabase.DATA_SUBDIRECTORY), false);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path home = Files.createTempDirectory("ark-test-embedded-template");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(home.toFile()),
                    "embedded-template-cleanup"));
            EmbeddedDatabase.start(home, Duration.ZERO).close();
            template = home;
        }
        return template;
    }

    /** Copies (or hard-links) a tree with its permissions: PostgreSQL refuses a data directory others may read. */
    private static void copyTree(Path source, Path target, boolean link) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (path.equals(source) && Files.isDirectory(copy)) {
                    continue;
                }
                if (link && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createLink(copy, path);
                        continue;
                    }
                    catch (UnsupportedOperationException | FileSystemException cannotLink) {
                        // another file system, or none that links: copy instead
                    }
                }
                Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}

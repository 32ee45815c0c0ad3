package io.arktasksync.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/** Spool files ({@code ark-archive-*.part}) in one folder: created there, and the leftovers of killed runs removed. */
final class SpoolFiles {

    private static final String PREFIX = "ark-archive-";

    private static final String SUFFIX = ".part";

    /** A download in progress writes all the time; one untouched this long belongs to a process that died. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path directory;

    SpoolFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        removeAbandoned();
    }

    Path create() throws IOException {
        return Files.createTempFile(directory, PREFIX, SUFFIX);
    }

    Path directory() {
        return directory;
    }

    private void removeAbandoned() throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path leftover : leftovers) {
                if (Files.getLastModifiedTime(leftover).compareTo(before) < 0) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }
}

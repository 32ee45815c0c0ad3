package io.arktasksync.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A folder as the archive ({@code file:///var/lib/ark-archive}). Downloads are spooled in its {@code .incoming}
 * folder, on the same file system, so that the final rename is atomic. Next to each object a {@code .sha256} file in
 * {@code sha256sum} format holds its hash: {@code sha256sum -c video.mp4.sha256} verifies a copy without the
 * database.
 */
final class FileArchiveStore implements ArchiveStore {

    static final String INCOMING = ".incoming";

    private final Path root;

    private final SpoolFiles spool;

    FileArchiveStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.spool = new SpoolFiles(this.root.resolve(INCOMING));
    }

    @Override
    public Path newSpoolFile() throws IOException {
        return spool.create();
    }

    @Override
    public String commit(Path spoolFile, String name, Download download) throws IOException {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("object name outside the archive: " + name);
        }
        Files.createDirectories(target.getParent());
        Path checksum = target.resolveSibling(target.getFileName() + ".sha256");
        Path checksumSpool = spool.create();
        Files.writeString(checksumSpool, download.sha256() + "  " + target.getFileName() + "\n",
                StandardCharsets.US_ASCII);
        // On disk before the rename: after a power loss the name must not point at a file whose data never landed.
        force(spoolFile);
        Files.move(checksumSpool, checksum, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(spoolFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target.toUri().toString();
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    @Override
    public void close() {
    }
}

package io.arktasksync.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

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
        for (String candidate : ArchiveStore.names(name, download)) {
            Path target = root.resolve(candidate).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IOException("object name outside the archive: " + candidate);
            }
            Path checksum = target.resolveSibling(target.getFileName() + ".sha256");
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!download.sha256().equals(sha256Of(target))) {
                    continue;
                }
                // the same bytes: a run stored them and died before recording the copy
                Files.delete(spoolFile);
                if (!Files.exists(checksum)) {
                    writeChecksum(checksum, target, download);
                }
                return target.toUri().toString();
            }
            Files.createDirectories(target.getParent());
            writeChecksum(checksum, target, download);
            // On disk before the rename: after a power loss the name must not point at a file whose data never landed.
            force(spoolFile);
            // Checked just above, and only the run holding the account's lock writes under its folder.
            Files.move(spoolFile, target, StandardCopyOption.ATOMIC_MOVE);
            return target.toUri().toString();
        }
        throw new IOException("both " + name + " and its alternative name hold other bytes; neither is replaced");
    }

    private void writeChecksum(Path checksum, Path target, Download download) throws IOException {
        Path checksumSpool = spool.create();
        Files.writeString(checksumSpool, download.sha256() + "  " + target.getFileName() + "\n",
                StandardCharsets.US_ASCII);
        Files.move(checksumSpool, checksum, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256Of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = ArtifactFetcher.sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
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

package io.arktasksync.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A directory that only this user can write: where the server's binaries are unpacked and its password kept, so that
 * no other local user can replace what this process runs or read what it connects with. Created so; an existing one
 * is checked before use (on POSIX file systems: owned by this user, no write for group or others).
 */
final class PrivateDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirectory() {
    }

    static Path prepare(Path directory) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            if (posix) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            else {
                Files.createDirectory(directory);
            }
        }
        if (posix) {
            PosixFileAttributes attributes = Files.getFileAttributeView(directory, PosixFileAttributeView.class)
                .readAttributes();
            UserPrincipal me = currentUser();
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (!attributes.owner().equals(me) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new EmbeddedDatabaseException(directory + " is not private to this user (owner "
                        + attributes.owner().getName() + ", " + PosixFilePermissions.toString(permissions)
                        + "): refusing to run the embedded PostgreSQL from it; remove it, or make it yours with "
                        + "chmod 700", null);
            }
        }
        return directory;
    }

    /** This process's user, as the owner of a file it creates (user.name is "?" for a UID without a passwd entry). */
    private static UserPrincipal currentUser() throws IOException {
        Path probe = Files.createTempFile("ark-owner", ".probe");
        try {
            return Files.getOwner(probe);
        }
        finally {
            Files.deleteIfExists(probe);
        }
    }
}

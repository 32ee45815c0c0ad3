package io.arktasksync.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The application's own directory for the embedded database: {@code ARK_DATA_DIR} when set, else
 * {@code $XDG_DATA_HOME/ark-task-sync}, else {@code $HOME/.ark-task-sync}, else the JVM's {@code user.home}. The
 * environment comes before {@code user.home} because the JVM takes that from the passwd entry: a shell's {@code HOME}
 * pointing elsewhere would be ignored, and a container's UID without an entry gets {@code ?}.
 */
final class DataHome {

    static final String DIRECTORY_NAME = "ark-task-sync";

    private DataHome() {
    }

    /**
     * @param configured {@code ark.data-dir} when set
     * @param environment the process's environment
     * @param userHome the JVM's {@code user.home}
     * @throws EmbeddedDatabaseException when none of them names a usable directory
     */
    static Path resolve(Optional<Path> configured, Map<String, String> environment, String userHome) {
        if (configured.isPresent()) {
            return configured.get().toAbsolutePath();
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (isAbsolute(xdg)) {
            return Path.of(xdg, DIRECTORY_NAME);
        }
        String home = environment.get("HOME");
        if (isAbsolute(home)) {
            return Path.of(home, "." + DIRECTORY_NAME);
        }
        if (isAbsolute(userHome)) {
            return Path.of(userHome, "." + DIRECTORY_NAME);
        }
        throw new EmbeddedDatabaseException("No directory for the embedded PostgreSQL: HOME is not set and the user "
                + "has no home directory (user.home=" + userHome + "); set ARK_DATA_DIR, or SPRING_DATASOURCE_URL to use "
                + "another server", null);
    }

    /** Only an absolute path counts: Java 17 gives {@code ?} for a user without a passwd entry. */
    private static boolean isAbsolute(String path) {
        return path != null && !path.isBlank() && Path.of(path).isAbsolute();
    }
}

package io.arktasksync.archive;

import java.util.Locale;

/** The outputs of a task that have a signed link, as named in {@code ark.task_artifacts.kind}. */
enum ArtifactKind {

    VIDEO("video", "mp4"),
    LAST_FRAME("last_frame", "png"),
    FILE("file", "bin");

    private final String column;

    private final String defaultExtension;

    ArtifactKind(String column, String defaultExtension) {
        this.column = column;
        this.defaultExtension = defaultExtension;
    }

    String column() {
        return column;
    }

    static ArtifactKind of(String column) {
        for (ArtifactKind kind : values()) {
            if (kind.column.equals(column)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown artifact kind " + column);
    }

    /**
     * The object's file name: the kind and the extension of the link's path ({@code video.mp4}), so that a copy opens
     * with the right program; the kind's usual extension when the path has none a file system would take.
     */
    String fileName(String linkPath) {
        String extension = defaultExtension;
        if (linkPath != null) {
            int slash = linkPath.lastIndexOf('/');
            int dot = linkPath.lastIndexOf('.');
            if (dot > slash && dot < linkPath.length() - 1) {
                String candidate = linkPath.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (candidate.matches("[a-z0-9]{1,8}")) {
                    extension = candidate;
                }
            }
        }
        return column + "." + extension;
    }
}

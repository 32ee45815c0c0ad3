package io.arktasksync.archive;

import java.util.Locale;
import java.util.Map;

/**
 * The outputs of a task that have a signed link, as named in {@code ark.task_artifacts.kind}, with the content types
 * a copy of each may be stored as.
 */
enum ArtifactKind {

    VIDEO("video", "video/mp4", Map.of("video/mp4", "mp4", "video/quicktime", "mov", "video/webm", "webm")),
    LAST_FRAME("last_frame", "image/png", Map.of("image/png", "png", "image/jpeg", "jpg", "image/webp", "webp")),
    FILE("file", "application/octet-stream", Map.of("application/octet-stream", "bin", "model/gltf-binary", "glb",
            "model/gltf+json", "gltf", "model/obj", "obj", "application/zip", "zip"));

    private final String column;

    private final String defaultContentType;

    /** The allow-list: content type (lower case, without parameters) to file extension. */
    private final Map<String, String> extensions;

    ArtifactKind(String column, String defaultContentType, Map<String, String> extensions) {
        this.column = column;
        this.defaultContentType = defaultContentType;
        this.extensions = extensions;
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
     * The content type a copy is stored and recorded as: the host's {@code Content-Type} when it is on this kind's
     * allow-list (lower case, without parameters), otherwise the kind's usual type. Whatever the header holds (any
     * text, a NUL character) never reaches the database, a file name or an object's metadata.
     */
    String contentType(String served) {
        if (served == null) {
            return defaultContentType;
        }
        int parameters = served.indexOf(';');
        String type = (parameters < 0 ? served : served.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return extensions.containsKey(type) ? type : defaultContentType;
    }

    /**
     * The object's file name, {@code video.mp4}: the kind and the extension of its content type (one of
     * {@link #contentType}'s answers), never anything the link's path says.
     */
    String fileName(String contentType) {
        return column + "." + extensions.getOrDefault(contentType, extensions.get(defaultContentType));
    }
}

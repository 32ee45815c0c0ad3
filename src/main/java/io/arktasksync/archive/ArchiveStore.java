package io.arktasksync.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where verified copies go. A download is written to a spool file first and becomes the object under its final name
 * only once it is complete and verified ({@link #commit}), in one step that is atomic for a reader (a rename, or the
 * completion of an S3 upload): a run killed mid-download leaves no partial object under the final name.
 */
interface ArchiveStore extends AutoCloseable {

    /** A new empty file to download into. */
    Path newSpoolFile() throws IOException;

    /**
     * Makes the verified spool file the object {@code name}, with its sha256 as metadata, and removes the spool file.
     * An object already there is never replaced by other bytes: one with the same sha256 (a run that died between
     * storing and recording it) is kept as the copy; one with other bytes is left alone and the copy goes under
     * {@link #alternativeName} instead.
     *
     * @return the copy's location, {@code file:///...} or {@code s3://bucket/key}
     * @throws IOException also when both names hold other bytes
     */
    String commit(Path spool, String name, Download download) throws IOException;

    /** The name a copy takes when its own holds other bytes: {@code video.mp4} becomes {@code video.<sha256 prefix>.mp4}. */
    static String alternativeName(String name, String sha256) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        String hash = sha256.substring(0, 16);
        return dot > slash ? name.substring(0, dot) + "." + hash + name.substring(dot) : name + "." + hash;
    }

    /** The two names {@link #commit} may store a copy under, in the order it tries them. */
    static List<String> names(String name, Download download) {
        return List.of(name, alternativeName(name, download.sha256()));
    }

    /** The archive's URL, for log lines. */
    String describe();

    @Override
    void close();
}

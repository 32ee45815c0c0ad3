package io.arktasksync.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where verified copies go. A download is written to a spool file first and becomes the object under its final name
 * only once it is complete and verified ({@link #commit}), in one step that is atomic for a reader (a rename, or the
 * completion of an S3 upload): a run killed mid-download leaves no partial object under the final name.
 */
interface ArchiveStore extends AutoCloseable {

    /** A new empty file to download into. */
    Path newSpoolFile() throws IOException;

    /**
     * Makes the verified spool file the object {@code name}, with its sha256 as metadata, replacing an earlier copy
     * (a run that died between storing and recording it), and removes the spool file.
     *
     * @return the copy's location, {@code file:///...} or {@code s3://bucket/key}
     */
    String commit(Path spool, String name, Download download) throws IOException;

    /** The archive's URL, for log lines. */
    String describe();

    @Override
    void close();
}

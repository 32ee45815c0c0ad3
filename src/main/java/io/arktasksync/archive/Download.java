package io.arktasksync.archive;

/**
 * A complete download, verified against what the server announced.
 *
 * @param sha256 lowercase hex of the bytes received
 * @param size bytes received
 * @param contentType the server's {@code Content-Type} if on the kind's allow-list, otherwise the kind's usual type
 *        ({@link ArtifactKind#contentType})
 */
record Download(String sha256, long size, String contentType) {
}

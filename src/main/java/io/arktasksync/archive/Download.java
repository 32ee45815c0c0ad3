package io.arktasksync.archive;

/**
 * A complete download, verified against what the server announced.
 *
 * @param sha256 lowercase hex of the bytes received
 * @param size bytes received
 * @param contentType the server's {@code Content-Type}, or a default for the kind
 */
record Download(String sha256, long size, String contentType) {
}

package io.arktasksync.client;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * 128 bits of SHA-256 over an item's bytes exactly as received. Equal digests mean equal bytes, so equal parsed
 * items: a full run recognises an item it stored before from this alone, before mapping it. Two encodings of the
 * same item (other whitespace, other key order) have different digests; that only costs the shortcut, never a
 * write. Computed while the page is parsed, on the thread that fetched it, so the step's thread does not hash.
 * Stateless and thread-safe.
 */
public final class ReceivedDigest {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ReceivedDigest::newSha256);

    private ReceivedDigest() {
    }

    /** The digest of {@code bytes[from, to)}. */
    public static UUID of(byte[] bytes, int from, int to) {
        MessageDigest sha256 = sha256();
        sha256.update(bytes, from, to - from);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return new UUID(digest.getLong(), digest.getLong());
    }

    /**
     * The calling thread's SHA-256, reset. One per thread instead of one per use: hashing each item is on the hot
     * path, and {@link MessageDigest#getInstance} looks the algorithm up and allocates its state on every call. Never
     * hand it to another thread.
     */
    public static MessageDigest sha256() {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return sha256;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.arktasksync.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Masks the API key in response bodies. Some relays echo the key back (in an error message, a debug page); whatever
 * a body holds travels on into messages, the log, {@code ark.sync_runs} and {@code raw}, and the key must reach none
 * of them. Keys shorter than {@value #MIN_REDACTED_KEY_LENGTH} characters are left alone: masking them would mangle
 * ordinary text, and real keys are far longer. Immutable, thread-safe.
 */
final class KeyRedaction {

    static final int MIN_REDACTED_KEY_LENGTH = 8;

    private static final byte[] KEY_MASK = "***".getBytes(StandardCharsets.US_ASCII);

    /** The key as it would appear in a body. */
    private final byte[] keyBytes;

    KeyRedaction(String apiKey) {
        this.keyBytes = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with every occurrence of the key replaced by {@code ***} (the same array when it holds none). */
    byte[] apply(byte[] body) {
        if (keyBytes.length < MIN_REDACTED_KEY_LENGTH || indexOf(body, keyBytes, 0) < 0) {
            return body;
        }
        ByteArrayOutputStream masked = new ByteArrayOutputStream(body.length);
        int from = 0;
        for (int at = indexOf(body, keyBytes, 0); at >= 0; at = indexOf(body, keyBytes, from)) {
            masked.write(body, from, at - from);
            masked.writeBytes(KEY_MASK);
            from = at + keyBytes.length;
        }
        masked.write(body, from, body.length - from);
        return masked.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer: for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

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

    /** The same bytes as a Latin-1 string, one char a byte, to search bodies viewed alike. */
    private final String keyText;

    KeyRedaction(String apiKey) {
        this.keyBytes = apiKey.getBytes(StandardCharsets.UTF_8);
        this.keyText = new String(keyBytes, StandardCharsets.ISO_8859_1);
    }

    /** Length in bytes of what {@link #apply} masks, 0 when it masks nothing. */
    int keyLength() {
        return keyBytes.length < MIN_REDACTED_KEY_LENGTH ? 0 : keyBytes.length;
    }

    /** The body with every occurrence of the key replaced by {@code ***} (the same array when it holds none). */
    byte[] apply(byte[] body) {
        if (keyBytes.length < MIN_REDACTED_KEY_LENGTH) {
            return body;
        }
        // A Latin-1 view has one char per byte, so the search is byte-exact; the JVM vectorises String.indexOf, where
        // a byte-by-byte loop over every page body (about 470 KB) was the largest cost of the fetch threads.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(keyText);
        if (at < 0) {
            return body;
        }
        ByteArrayOutputStream masked = new ByteArrayOutputStream(body.length);
        int from = 0;
        for (; at >= 0; at = text.indexOf(keyText, from)) {
            masked.write(body, from, at - from);
            masked.writeBytes(KEY_MASK);
            from = at + keyBytes.length;
        }
        masked.write(body, from, body.length - from);
        return masked.toByteArray();
    }
}

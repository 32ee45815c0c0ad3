package io.arktasksync.simulator;

import java.time.ZoneOffset;
import java.util.Random;

/**
 * Builds TOS pre-signed URLs shaped like the ones Ark returns in {@code content}.
 *
 * <p>Why realistic: the URLs are long, carry {@code %2F}-encoded credentials and expire after 24 h; a client
 * that stores them, truncates them or tries to parse them should meet the real shape in tests.
 */
final class ContentUrls {

    private static final String HOST = "https://ark-content-generation.tos-cn-beijing.volces.com/";
    private static final String CREDENTIAL_KEY = "AKLTYzk0ZGQ1ZTEzNzQ0NGE0Nzg5MDc2ZDY2ZjY5NDM4ZTE";
    private static final long EXPIRES_SECONDS = 86_400L;

    private final Random random;

    /** @param random the generator's source, so that signatures are deterministic too */
    ContentUrls(Random random) {
        this.random = random;
    }

    String video(String taskId, long signedAt) {
        return signed(taskId + ".mp4", signedAt);
    }

    String lastFrame(String taskId, long signedAt) {
        return signed(taskId + "-last-frame.png", signedAt);
    }

    private String signed(String object, long signedAt) {
        return HOST + object
                + "?X-Tos-Algorithm=TOS4-HMAC-SHA256"
                + "&X-Tos-Credential=" + CREDENTIAL_KEY + "%2F" + CompactTimestamps.day(signedAt, ZoneOffset.UTC)
                + "%2Fcn-beijing%2Ftos%2Frequest"
                + "&X-Tos-Date=" + CompactTimestamps.isoBasicUtc(signedAt)
                + "&X-Tos-Expires=" + EXPIRES_SECONDS
                + "&X-Tos-Signature=" + signature()
                + "&X-Tos-SignedHeaders=host";
    }

    private String signature() {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            String part = Long.toHexString(random.nextLong());
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        return hex.toString();
    }
}

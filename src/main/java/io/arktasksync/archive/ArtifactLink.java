package io.arktasksync.archive;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/**
 * One output link of a stored task that the archive has not got yet.
 *
 * @param taskId the task
 * @param kind which output
 * @param account the task's account
 * @param url the signed link as the API returned it: a credential, never logged (see {@link #forLog})
 * @param createdAt when the task was created (names the object's folder); may be null
 * @param finishedAt when the task last changed, which starts the link's 24 h
 * @param runs runs that tried it before
 */
record ArtifactLink(String taskId, String kind, String account, String url, OffsetDateTime createdAt, OffsetDateTime finishedAt,
        int runs) {

    ArtifactKind artifactKind() {
        return ArtifactKind.of(kind);
    }

    /**
     * The stable, readable object name {@code {account}/{yyyy}/{mm}/{dd}/{task_id}/video.mp4} (UTC day of creation),
     * the extension that of the copy's content type ({@link ArtifactKind#fileName}). Two different ids or accounts
     * never get the same name, and a hostile one cannot climb out of the archive ({@link #pathSegment}).
     *
     * @param contentType the copy's content type, as {@link ArtifactKind#contentType} gives it
     */
    String objectName(String contentType) {
        ZonedDateTime day = (createdAt != null ? createdAt : finishedAt).atZoneSameInstant(ZoneOffset.UTC);
        return pathSegment(account) + "/" + String.format("%04d/%02d/%02d", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth()) + "/" + pathSegment(taskId) + "/" + artifactKind().fileName(contentType);
    }

    /** The link without its query string (the signature): what logs and reasons may show. */
    String forLog() {
        return forLog(url);
    }

    static String forLog(String url) {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        return end < 0 ? url : url.substring(0, end);
    }

    /**
     * An id as one folder name: letters, digits, {@code _}, {@code -} and (but for the first character) {@code .}
     * kept, every other character percent-encoded as its UTF-8 bytes ({@code a/b} is {@code a%2Fb}, {@code ..} is
     * {@code %2E.}). Since {@code %} itself is encoded, two different ids never share a name (replacing characters
     * by {@code _} once made {@code a:b} and {@code a_b} one object); an id made of the kept characters, as Ark's are,
     * is its own name. The empty id, which no encoding yields, is {@code %}.
     */
    static String pathSegment(String id) {
        if (id.isEmpty()) {
            return "%";
        }
        StringBuilder segment = new StringBuilder(id.length());
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean kept = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_'
                    || b == '-' || (b == '.' && i > 0);
            if (kept) {
                segment.append((char) b);
            }
            else {
                segment.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        return segment.toString();
    }
}

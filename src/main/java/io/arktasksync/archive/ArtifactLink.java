package io.arktasksync.archive;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

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
     * The stable, readable object name {@code {account}/{yyyy}/{mm}/{dd}/{task_id}/video.mp4} (UTC day of creation).
     * Characters a file system or key could misread are replaced, so a hostile id cannot climb out of the archive.
     */
    String objectName() {
        ZonedDateTime day = (createdAt != null ? createdAt : finishedAt).atZoneSameInstant(ZoneOffset.UTC);
        return safe(account) + "/" + String.format("%04d/%02d/%02d", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth()) + "/" + safe(taskId) + "/" + artifactKind().fileName(path());
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

    private String path() {
        try {
            return URI.create(url).getPath();
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.') ? "_" + cleaned : cleaned;
    }
}

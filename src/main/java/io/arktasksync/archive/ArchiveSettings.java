package io.arktasksync.archive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the {@code ark.archive.*} settings before anything connects: a typo costs one line and exit 2. Called by
 * the application's settings check with the bound {@link ArchiveProperties}.
 */
public final class ArchiveSettings {

    private ArchiveSettings() {
    }

    /** @return one line per bad setting; empty when archiving is off or every setting is fine */
    public static List<String> problems(ArchiveProperties properties) {
        List<String> problems = new ArrayList<>();
        if (!properties.enabled()) {
            return problems;
        }
        try {
            ArchiveLocation.parse(properties.url());
        }
        catch (IllegalArgumentException e) {
            problems.add("ARK_ARCHIVE_URL (ark.archive.url) " + e.getMessage());
        }
        range("ARK_ARCHIVE_CONCURRENCY (ark.archive.concurrency)", properties.concurrency(), 1, 64, problems);
        range("ARK_ARCHIVE_MAX_ATTEMPTS (ark.archive.max-attempts)", properties.maxAttempts(), 1, 20, problems);
        range("ARK_ARCHIVE_MAX_RUNS (ark.archive.max-runs)", properties.maxRuns(), 1, 1000, problems);
        if (properties.maxBandwidth() == null || properties.maxBandwidth().isNegative()) {
            problems.add("ARK_ARCHIVE_MAX_BANDWIDTH (ark.archive.max-bandwidth) must be a size per second such as "
                    + "20MB, or 0 for no cap");
        }
        positive("ARK_ARCHIVE_READ_TIMEOUT (ark.archive.read-timeout)", properties.readTimeout(), problems);
        positive("ARK_ARCHIVE_CONNECT_TIMEOUT (ark.archive.connect-timeout)", properties.connectTimeout(), problems);
        positive("ARK_ARCHIVE_MAX_DOWNLOAD_TIME (ark.archive.max-download-time)", properties.maxDownloadTime(),
                problems);
        if (properties.maxSize() == null || properties.maxSize().toBytes() <= 0) {
            problems.add("ARK_ARCHIVE_MAX_SIZE (ark.archive.max-size) must be a positive size such as 2GB, got "
                    + properties.maxSize());
        }
        return problems;
    }

    private static void range(String setting, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(setting + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void positive(String setting, java.time.Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(setting + " must be a positive duration such as 30s, got " + value);
        }
    }

    /**
     * Where the archive is: a local folder or an S3 bucket and key prefix (without slashes at either end).
     *
     * @param directory the folder, for {@code file:}
     * @param bucket the bucket, for {@code s3:}
     * @param prefix the key prefix, "" for none
     */
    record ArchiveLocation(java.nio.file.Path directory, String bucket, String prefix) {

        static ArchiveLocation parse(String url) {
            URI uri;
            try {
                uri = new URI(url.trim());
            }
            catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a valid URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("must not contain a query, fragment or credentials (S3 "
                        + "credentials come from the AWS SDK's standard settings), got '" + url + "'");
            }
            if (scheme.equals("file")) {
                if (uri.getPath() == null || uri.getPath().isEmpty() || !uri.getPath().startsWith("/")
                        || (uri.getHost() != null && !uri.getHost().isEmpty())) {
                    throw new IllegalArgumentException("must name an absolute folder such as file:///var/lib/ark-archive,"
                            + " got '" + url + "'");
                }
                return new ArchiveLocation(java.nio.file.Path.of(uri), null, null);
            }
            if (scheme.equals("s3")) {
                String bucket = uri.getHost();
                if (bucket == null || bucket.isBlank()) {
                    throw new IllegalArgumentException("must name a bucket such as s3://my-bucket/ark, got '" + url
                            + "'");
                }
                String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
                return new ArchiveLocation(null, bucket, prefix);
            }
            throw new IllegalArgumentException("must start with file:/// or s3://, got '" + url + "'");
        }

        boolean isS3() {
            return bucket != null;
        }
    }
}

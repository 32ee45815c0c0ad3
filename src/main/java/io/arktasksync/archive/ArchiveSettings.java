package io.arktasksync.archive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.arktasksync.config.SettingsGroup;

/**
 * Checks the {@code ark.archive.*} settings before anything connects, as one group of the application's one settings
 * check: a typo costs one line and exit 2.
 */
public final class ArchiveSettings {

    private static final String PREFIX = "ark.archive";

    private ArchiveSettings() {
    }

    /** @param needsArchive whether the command archives, so that ARK_ARCHIVE_URL must be set ({@code archive}) */
    public static SettingsGroup check(boolean needsArchive) {
        return binding -> {
            ArchiveProperties archive = binding.bindUnchecked(PREFIX, ArchiveProperties.class);
            if (!archive.enabled()) {
                // with archiving off, none of the other settings matters
                if (needsArchive) {
                    binding.add("ARK_ARCHIVE_URL (ark.archive.url) is not set; use e.g. file:///var/lib/ark-archive or "
                            + "s3://bucket/prefix");
                }
                return;
            }
            binding.bind(PREFIX, ArchiveProperties.class);
            binding.addAll(problems(archive));
        };
    }

    /** @return one line per bad setting that the constraints of {@link ArchiveProperties} cannot express */
    static List<String> problems(ArchiveProperties properties) {
        List<String> problems = new ArrayList<>();
        try {
            ArchiveLocation.parse(properties.url());
        }
        catch (IllegalArgumentException e) {
            problems.add("ARK_ARCHIVE_URL (ark.archive.url) " + e.getMessage());
        }
        if (properties.maxBandwidth() == null || properties.maxBandwidth().isNegative()) {
            problems.add("ARK_ARCHIVE_MAX_BANDWIDTH (ark.archive.max-bandwidth) must be a size per second such as "
                    + "20MB, or 0 for no cap");
        }
        if (properties.maxSize() == null || properties.maxSize().toBytes() <= 0) {
            problems.add("ARK_ARCHIVE_MAX_SIZE (ark.archive.max-size) must be a positive size such as 2GB, got "
                    + properties.maxSize());
        }
        return problems;
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

package io.arktasksync.archive;

import java.time.Duration;

import io.arktasksync.config.PositiveDuration;
import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The archive settings, {@code ark.archive.*} ({@code ARK_ARCHIVE_*}). Without {@code url} nothing is archived and
 * none of the others matters. Checked, with every other setting, before anything connects ({@link ArchiveSettings}):
 * the constraints below only when archiving is on.
 *
 * @param url where the copies go: file:///var/lib/ark-archive or s3://bucket/prefix (endpoint,
 *        region and credentials the AWS SDK's standard way: AWS_ENDPOINT_URL, AWS_REGION, ...)
 * @param concurrency downloads at once
 * @param maxBandwidth bytes per second for all downloads together, e.g. 20MB; 0 for no cap
 * @param maxAttempts requests per artifact and run on 5xx answers and cut or stalled connections
 * @param maxRuns runs that may try a failed artifact before it is left alone
 * @param readTimeout a download that receives nothing for this long is cut (and retried)
 * @param connectTimeout HTTP connect timeout
 * @param maxDownloadTime the time one link may take in a run, all its attempts included: a host that sends a byte
 *        now and then, which a read timeout never cuts, is cut then (and the link tried again by a later run)
 * @param maxSize a link whose body is larger is not stored but given up (ark.task_artifacts.status given_up)
 * @param spoolDirectory where an S3 store keeps a download while it is verified, before the upload; default: the
 *        JVM's temporary directory (a file store uses a folder inside the archive, so the final rename is atomic)
 * @param pathStyleAccess address S3 buckets as endpoint/bucket rather than bucket.endpoint (MinIO,
 *        s3proxy, some S3-compatible stores)
 */
@ConfigurationProperties("ark.archive")
public record ArchiveProperties(
        String url,
        @DefaultValue("4") @Range(min = 1, max = 64) int concurrency,
        @DefaultValue("0") DataSize maxBandwidth,
        @DefaultValue("4") @Range(min = 1, max = 20) int maxAttempts,
        @DefaultValue("5") @Range(min = 1, max = 1000) int maxRuns,
        @DefaultValue("30s") @PositiveDuration(example = "30s") Duration readTimeout,
        @DefaultValue("10s") @PositiveDuration(example = "30s") Duration connectTimeout,
        @DefaultValue("10m") @PositiveDuration(example = "30s") Duration maxDownloadTime,
        @DefaultValue("2GB") DataSize maxSize,
        String spoolDirectory,
        @DefaultValue("false") boolean pathStyleAccess) {

    /** Whether archiving is on at all. */
    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}

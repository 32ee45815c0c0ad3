package io.arktasksync.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3-compatible bucket as the archive ({@code s3://bucket/prefix}): AWS S3, MinIO, Volcengine TOS, Cloudflare R2.
 * Endpoint, region and credentials come from the AWS SDK's standard settings ({@code AWS_ENDPOINT_URL},
 * {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profiles, roles).
 * <p>
 * A download is verified in a local spool file, then uploaded with its sha256 as the object metadata
 * {@code x-amz-meta-sha256}; large files go up in parts (the SDK's Java multipart client), and the object appears
 * under its name only when the upload completes. The uploaded size and hash are read back before the copy counts.
 */
final class S3ArchiveStore implements ArchiveStore {

    static final String SHA256_METADATA = "sha256";

    /** Above this size uploads go in parts of {@link #PART_SIZE}: a failed part is resent alone. */
    private static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;

    private static final long PART_SIZE = 8L * 1024 * 1024;

    private final S3AsyncClient client;

    private final String bucket;

    private final String prefix;

    private final SpoolFiles spool;

    S3ArchiveStore(String bucket, String prefix, Path spoolDirectory, boolean pathStyleAccess) throws IOException {
        this.bucket = bucket;
        this.prefix = prefix;
        this.spool = new SpoolFiles(spoolDirectory);
        this.client = S3AsyncClient.builder()
            .region(region())
            .forcePathStyle(pathStyleAccess)
            .multipartEnabled(true)
            .multipartConfiguration(multipart -> multipart.thresholdInBytes(MULTIPART_THRESHOLD)
                .minimumPartSizeInBytes(PART_SIZE))
            // The SDK's default checksums (CRC32 trailers, since 2.30) are refused by several S3-compatible stores;
            // the copy is verified by its sha256 instead.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    }

    /** The SDK's region chain; a store that ignores regions (MinIO, s3proxy) works without one. */
    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        }
        catch (SdkException none) {
            return Region.US_EAST_1;
        }
    }

    @Override
    public Path newSpoolFile() throws IOException {
        return spool.create();
    }

    @Override
    public String commit(Path spoolFile, String name, Download download) throws IOException {
        try {
            for (String candidate : ArchiveStore.names(name, download)) {
                String key = key(candidate);
                HeadObjectResponse existing = head(key);
                if (existing == null) {
                    upload(spoolFile, key, download);
                    return "s3://" + bucket + "/" + key;
                }
                if (holds(existing, download)) {
                    // the same bytes: a run stored them and died before recording the copy
                    return "s3://" + bucket + "/" + key;
                }
            }
            throw new IOException("both s3://" + bucket + "/" + key(name) + " and its alternative name hold other "
                    + "bytes; neither is replaced");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while storing s3://" + bucket + "/" + key(name), e);
        }
        catch (ExecutionException | CompletionException e) {
            throw new IOException("storing s3://" + bucket + "/" + key(name) + " failed: " + e.getCause(),
                    e.getCause());
        }
        finally {
            Files.deleteIfExists(spoolFile);
        }
    }

    private void upload(Path spoolFile, String key, Download download)
            throws IOException, InterruptedException, ExecutionException {
        PutObjectRequest request = PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentType(download.contentType())
            .contentLength(download.size())
            .metadata(Map.of(SHA256_METADATA, download.sha256()))
            .build();
        client.putObject(request, AsyncRequestBody.fromFile(spoolFile)).get();
        HeadObjectResponse head = head(key);
        if (head == null || !holds(head, download)) {
            throw new IOException("s3://" + bucket + "/" + key + " does not read back as uploaded (size "
                    + (head == null ? null : head.contentLength()) + ", sha256 "
                    + (head == null ? null : head.metadata().get(SHA256_METADATA)) + ")");
        }
    }

    /** The object's metadata, or null when there is no such object. */
    private HeadObjectResponse head(String key) throws InterruptedException, ExecutionException {
        try {
            return client.headObject(builder -> builder.bucket(bucket).key(key)).get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static boolean holds(HeadObjectResponse head, Download download) {
        return head.contentLength() != null && head.contentLength() == download.size()
                && download.sha256().equals(head.metadata().get(SHA256_METADATA));
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public void close() {
        client.close();
    }
}

package io.arktasksync.archive;

import java.net.URI;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A real S3 implementation in this JVM: s3proxy on loopback over a folder, with AWS signature v4 authentication.
 * While it runs, the AWS SDK's standard system properties ({@code aws.endpointUrl}, {@code aws.region},
 * {@code aws.accessKeyId}, {@code aws.secretAccessKey}) point the application at it, as the environment variables
 * {@code AWS_ENDPOINT_URL} etc. would in production.
 */
final class InProcessS3 implements AutoCloseable {

    static final String ACCESS_KEY = "archive-test-access";

    static final String SECRET_KEY = "archive-test-secret-1234567890";

    private static final String[] PROPERTIES = { "aws.endpointUrl", "aws.region", "aws.accessKeyId",
            "aws.secretAccessKey" };

    private final S3Proxy proxy;

    private final URI endpoint;

    private final S3AsyncClient client;

    InProcessS3(Path folder, String bucket) throws Exception {
        FilesystemNio2BlobStore store = new FilesystemNio2BlobStore(folder.toString());
        store.createContainer(bucket);
        proxy = S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .build();
        proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(50);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        System.setProperty("aws.endpointUrl", endpoint.toString());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        client = S3AsyncClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build();
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client of the test's own, to read back what the application stored. */
    S3AsyncClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        for (String property : PROPERTIES) {
            System.clearProperty(property);
        }
        client.close();
        proxy.stop();
    }
}

package dev.catalog.files;

import java.net.URI;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in the test JVM: S3Proxy over jclouds' in-memory ({@code transient}) blob store, on a free port of
 * the loopback interface, checking AWS V4 signatures against one random key pair.
 */
final class InMemoryS3 implements AutoCloseable {

    final String accessKeyId = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final String secretAccessKey = UUID.randomUUID().toString();
    private final BlobStoreContext blobs;
    private final S3Proxy proxy;
    private final URI endpoint;

    InMemoryS3() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials(accessKeyId, secretAccessKey)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V4, accessKeyId, secretAccessKey)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    URI endpoint() {
        return endpoint;
    }

    /** Settings for this server: path-style, as S3Proxy serves no virtual hosts unless told. */
    S3Settings settings(String bucket, String prefix) {
        return new S3Settings(endpoint, "us-east-1", bucket, accessKeyId, secretAccessKey, true, prefix);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            blobs.close();
        }
    }
}

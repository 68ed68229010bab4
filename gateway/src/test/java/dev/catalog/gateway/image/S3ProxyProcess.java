package dev.catalog.gateway.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy, a real S3-compatible server, as a process of its own (its Jetty 11 cannot share the test JVM with Tomcat):
 * jclouds' in-memory blob store behind AWS V4 signatures, on a free loopback port. The build copies its jar to
 * {@code target/s3proxy.jar}.
 */
final class S3ProxyProcess implements AutoCloseable {

    final URI endpoint;
    final String accessKeyId;
    final String secretAccessKey;
    private final Process process;

    private S3ProxyProcess(URI endpoint, String accessKeyId, String secretAccessKey, Process process) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.process = process;
    }

    /** Starts the server and makes {@code bucket} in it. */
    static S3ProxyProcess start(String bucket) throws Exception {
        Path jar = Path.of("target", "s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/s3proxy.jar is missing: the build copies it at process-test-resources");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        String identity = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String credential = UUID.randomUUID().toString();
        Path properties = Files.createTempFile("s3proxy-", ".properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.authorization=aws-v4",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.identity=" + identity,
                "s3proxy.credential=" + credential,
                "jclouds.provider=transient",
                "jclouds.identity=" + identity,
                "jclouds.credential=" + credential,
                ""));
        Path log = Path.of("target", "s3proxy-" + port + ".log");
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("S3Proxy did not start; see " + log);
            }
            Thread.sleep(100);
        }
        S3ProxyProcess server = new S3ProxyProcess(endpoint, identity, credential, process);
        try (S3Client client = server.client()) {
            client.createBucket(create -> create.bucket(bucket));
        }
        return server;
    }

    /** A client of this server, for the tests to look into the bucket. */
    S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .build();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}

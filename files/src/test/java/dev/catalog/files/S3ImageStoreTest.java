package dev.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The S3 store against a real S3 server in this JVM (S3Proxy, {@link InMemoryS3}), which checks every request's AWS V4
 * signature: the presigned uploads are refused or taken by the server, not by a mock's idea of it.
 */
class S3ImageStoreTest {

    private static final String BUCKET = "catalog-images";
    private static final String PREFIX = "catalog/";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static InMemoryS3 server;
    private static S3Client admin;
    private static S3ImageStore store;

    @TempDir
    Path work;

    @BeforeAll
    static void start_the_server_and_create_the_bucket() throws Exception {
        server = new InMemoryS3();
        admin = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKeyId, server.secretAccessKey)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        admin.createBucket(request -> request.bucket(BUCKET));
        store = new S3ImageStore(server.settings(BUCKET, PREFIX));
    }

    @AfterAll
    static void stop_the_server() throws Exception {
        try (InMemoryS3 stopped = server; S3Client closedAdmin = admin; S3ImageStore closedStore = store) {
            // closed in reverse order: the clients, then the server
        }
    }

    @Test
    void a_stored_file_comes_back_byte_for_byte_with_its_content_type_and_cached_for_good() throws Exception {
        byte[] png = ImageProbeTest.encode(21, 11, "png");
        StagedFile staged = stage(png);

        StoredFile stored = store.put(staged, ImageType.PNG);

        assertThat(stored.key()).isEqualTo(stored.sha256() + ".png");
        assertThat(Files.exists(staged.path())).as("the staged file is taken away").isFalse();
        try (InputStream in = store.open(stored.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
        HeadObjectResponse object = admin.headObject(request -> request.bucket(BUCKET).key(PREFIX + stored.key()));
        assertThat(object.contentType()).isEqualTo("image/png");
        assertThat(object.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(object.contentLength()).isEqualTo(png.length);
    }

    @Test
    void the_same_content_twice_is_sent_once_and_the_second_staged_file_is_removed() throws Exception {
        byte[] gif = ImageProbeTest.encode(5, 4, "gif");
        StoredFile first = store.put(stage(gif), ImageType.GIF);
        // Marks the object as it is now: a second PUT of the same content would replace it, and the mark with it.
        String name = PREFIX + first.key();
        admin.putObject(request -> request.bucket(BUCKET).key(name).contentType("image/gif")
                .metadata(Map.of("mark", "first")), RequestBody.fromBytes(gif));

        StagedFile again = stage(gif);
        StoredFile second = store.put(again, ImageType.GIF);

        assertThat(second).isEqualTo(first);
        assertThat(Files.exists(again.path())).isFalse();
        assertThat(admin.headObject(request -> request.bucket(BUCKET).key(name)).metadata())
                .as("the object was not written again").containsEntry("mark", "first");
        assertThat(admin.listObjectsV2(request -> request.bucket(BUCKET).prefix(PREFIX + first.sha256())).contents())
                .hasSize(1);
    }

    @Test
    void a_deleted_file_is_gone_and_deleting_it_again_changes_nothing() throws Exception {
        StoredFile stored = store.put(stage(ImageProbeTest.encode(3, 2, "jpg")), ImageType.JPEG);
        assertThat(store.contains(stored.key())).isTrue();

        store.delete(stored.key());
        store.delete(stored.key());

        assertThat(store.contains(stored.key())).isFalse();
        assertThat(store.open(stored.key())).isEmpty();
    }

    @Test
    void a_key_never_stored_opens_to_nothing() throws Exception {
        String key = "0".repeat(64) + ".webp";

        assertThat(store.contains(key)).isFalse();
        assertThat(store.open(key)).isEmpty();
    }

    @Test
    void nothing_but_a_content_key_becomes_an_object_name() {
        for (String key : new String[] {"../x", "../../etc/passwd", "a".repeat(64) + ".svg", "A".repeat(64) + ".png",
                "a".repeat(64) + ".png/../x", "/" + "a".repeat(64) + ".png", "uploads/" + "a".repeat(64) + ".png"}) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.contains(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_refusal_or_a_missing_bucket_is_an_error_naming_the_object_not_an_absence() throws Exception {
        S3Settings settings = server.settings(BUCKET, PREFIX);
        S3Settings wrongSecret = new S3Settings(settings.endpoint(), settings.region(), BUCKET, settings.accessKeyId(),
                "not-the-secret", true, PREFIX);
        String key = "1".repeat(64) + ".png";

        try (S3ImageStore forged = new S3ImageStore(wrongSecret);
             S3ImageStore elsewhere = new S3ImageStore(server.settings("no-such-bucket", PREFIX))) {
            assertThatThrownBy(() -> forged.contains(key)).isInstanceOf(IOException.class)
                    .hasMessageContaining("HEAD of " + PREFIX + key + " in bucket " + BUCKET)
                    .hasMessageContaining("403");
            assertThatThrownBy(() -> elsewhere.open(key)).isInstanceOf(IOException.class)
                    .hasMessageContaining("GET of " + PREFIX + key + " in bucket no-such-bucket");
        }
    }

    @Test
    void an_upload_put_to_its_url_with_the_declared_type_and_length_is_read_back() throws Exception {
        String uploadId = uploadId();
        byte[] png = ImageProbeTest.encode(7, 3, "png");

        URI url = store.presignUpload(uploadId, "image/png", png.length, Duration.ofMinutes(5));
        HttpResponse<String> response = put(url, "image/png", png);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(url.getRawQuery()).as("what the signature binds")
                .contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
        try (InputStream in = store.openUpload(uploadId).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void an_upload_url_is_signed_for_the_upload_endpoint_that_clients_reach_when_one_is_given() throws Exception {
        // The same server under another name, as a container's published port is for clients outside its network.
        URI outside = URI.create("http://localhost:" + server.endpoint().getPort());
        S3Settings settings = server.settings(BUCKET, PREFIX);
        String uploadId = uploadId();
        byte[] png = ImageProbeTest.encode(5, 4, "png");
        try (S3ImageStore published = new S3ImageStore(new S3Settings(settings.endpoint(), settings.region(), BUCKET,
                settings.accessKeyId(), settings.secretAccessKey(), true, PREFIX, outside))) {
            URI url = published.presignUpload(uploadId, "image/png", png.length, Duration.ofMinutes(5));

            assertThat(url.getHost()).isEqualTo("localhost");
            assertThat(put(url, "image/png", png).statusCode()).isEqualTo(200);
            try (InputStream in = published.openUpload(uploadId).orElseThrow()) {
                assertThat(in.readAllBytes()).as("read back through the service's own endpoint").isEqualTo(png);
            }
        }
    }

    @Test
    void a_put_of_another_length_than_signed_is_refused_and_nothing_is_kept() throws Exception {
        String uploadId = uploadId();
        URI url = store.presignUpload(uploadId, "image/png", 100, Duration.ofMinutes(5));

        HttpResponse<String> longer = put(url, "image/png", new byte[101]);
        HttpResponse<String> shorter = put(url, "image/png", new byte[99]);

        assertThat(longer.statusCode()).as(longer.body()).isEqualTo(403);
        assertThat(longer.body()).contains("SignatureDoesNotMatch");
        assertThat(shorter.statusCode()).as(shorter.body()).isEqualTo(403);
        assertThat(store.openUpload(uploadId)).isEmpty();
    }

    @Test
    void a_put_of_another_content_type_than_signed_is_refused_and_nothing_is_kept() throws Exception {
        String uploadId = uploadId();
        URI url = store.presignUpload(uploadId, "image/png", 10, Duration.ofMinutes(5));

        HttpResponse<String> response = put(url, "text/html", new byte[10]);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("SignatureDoesNotMatch");
        assertThat(store.openUpload(uploadId)).isEmpty();
    }

    @Test
    void an_expired_upload_url_is_refused() throws Exception {
        String uploadId = uploadId();
        URI url = store.presignUpload(uploadId, "image/gif", 10, Duration.ofSeconds(1));

        Thread.sleep(2_100); // X-Amz-Date has whole seconds: past date + 1 s whatever the second it was signed in

        HttpResponse<String> response = put(url, "image/gif", new byte[10]);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("AccessDenied", "Request has expired");
        assertThat(store.openUpload(uploadId)).isEmpty();
    }

    @Test
    void a_forged_upload_url_is_refused() throws Exception {
        String uploadId = uploadId();
        String otherId = uploadId();
        URI url = store.presignUpload(uploadId, "image/jpeg", 10, Duration.ofMinutes(5));
        String signature = url.getRawQuery().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String altered = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");

        HttpResponse<String> signatureAltered = put(URI.create(url.toString().replace(signature, altered)),
                "image/jpeg", new byte[10]);
        HttpResponse<String> otherObject = put(URI.create(url.toString().replace(uploadId, otherId)),
                "image/jpeg", new byte[10]);

        assertThat(signatureAltered.statusCode()).as(signatureAltered.body()).isEqualTo(403);
        assertThat(otherObject.statusCode()).as(otherObject.body()).isEqualTo(403);
        assertThat(store.openUpload(uploadId)).isEmpty();
        assertThat(store.openUpload(otherId)).isEmpty();
    }

    @Test
    void a_deleted_upload_is_gone_and_deleting_it_again_changes_nothing() throws Exception {
        String uploadId = uploadId();
        URI url = store.presignUpload(uploadId, "image/webp", 4, Duration.ofMinutes(5));
        assertThat(put(url, "image/webp", new byte[] {1, 2, 3, 4}).statusCode()).isEqualTo(200);

        store.deleteUpload(uploadId);
        store.deleteUpload(uploadId);

        assertThat(store.openUpload(uploadId)).isEmpty();
    }

    @Test
    void an_upload_url_is_only_made_within_its_limits() {
        String id = uploadId();
        for (String bad : new String[] {"short", "../../" + "a".repeat(16), "a".repeat(65), "a".repeat(16) + "/x",
                "a".repeat(16) + ".png", null}) {
            assertThatThrownBy(() -> store.presignUpload(bad, "image/png", 10, Duration.ofMinutes(1))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upload id");
            assertThatThrownBy(() -> store.openUpload(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.deleteUpload(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.presignUpload(id, "image/png", 10, Duration.ofMinutes(15).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT15M");
        assertThatThrownBy(() -> store.presignUpload(id, "image/png", 10, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.presignUpload(id, "image/png", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> store.presignUpload(id, "image/svg+xml", 10, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/png");
        assertThat(store.presignUpload(id, "image/png", 10, Duration.ofMinutes(15))).isNotNull();
    }

    private StagedFile stage(byte[] bytes) throws Exception {
        return new Staging(work.resolve("staging"), 10_000_000).receive(new ByteArrayInputStream(bytes));
    }

    private static String uploadId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A client's PUT, as a browser would send it: the type it says, the length of what it sends. */
    private static HttpResponse<String> put(URI url, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

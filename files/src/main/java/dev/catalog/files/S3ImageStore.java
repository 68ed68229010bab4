package dev.catalog.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The store in an S3 bucket (AWS or an S3-compatible server, {@link S3Settings}): each file is the object
 * {@code prefix + key}, written with its content type and {@code Cache-Control: public, max-age=31536000, immutable},
 * since a key never changes meaning (ADR 31).
 *
 * <p>Staged uploads can also go straight to the bucket, without passing through the service: a client PUTs the bytes
 * to a URL from {@link #presignUpload}, which names the object {@code prefix + "uploads/" + uploadId}; the service then
 * reads them ({@link #openUpload}) through {@link Staging} and {@link ImageProbe}, as if they had been sent to it, and
 * {@link #deleteUpload deletes} them. Uploads nobody finishes stay: give the bucket a lifecycle rule that expires
 * {@code prefix + "uploads/"} after a day.
 *
 * <p>The credentials need {@code s3:GetObject}, {@code s3:PutObject}, {@code s3:DeleteObject} and
 * {@code s3:ListBucket}: without the last, S3 answers 403 rather than 404 for a missing object, and this store reports
 * an error instead of absence. Failures of S3 come as {@link IOException}s naming the object and the bucket.
 * Thread-safe; close it to release its HTTP connections.
 */
public final class S3ImageStore implements ImageStore, AutoCloseable {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    /** The longest a presigned upload URL may live: long enough for a slow upload, short if it leaks. */
    public static final Duration MAX_UPLOAD_VALIDITY = Duration.ofMinutes(15);
    /** The largest object a single PUT may carry in S3. */
    static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024 * 1024;
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Set<String> UPLOAD_CONTENT_TYPES = contentTypes();

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    /** Builds the SDK's clients; nothing is sent until the first call (the bucket is not checked here). */
    public S3ImageStore(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.defaultCredentials()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                        settings.secretAccessKey()));
        Region region = Region.of(settings.region());
        S3ClientBuilder client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // The JDK's HttpURLConnection: no Netty or Apache client to carry for a few requests a second.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)));
        S3Presigner.Builder presigning = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint())
                    // The SDK's default CRC32 checksums travel in headers and trailers (x-amz-trailer, x-amz-checksum-
                    // mode) that S3-compatible servers do not all know, S3Proxy among them: sent only where an
                    // operation requires one. AWS itself keeps the defaults.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        URI uploads = settings.uploadEndpoint() != null ? settings.uploadEndpoint() : settings.endpoint();
        if (uploads != null) {
            presigning.endpointOverride(uploads);
        }
        this.s3 = client.build();
        this.presigner = presigning.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
    }

    /** {@inheritDoc} When S3 refuses or fails, the staged file stays, the caller's to delete or to try again. */
    @Override
    public StoredFile put(StagedFile staged, ImageType type) throws IOException {
        StoredFile stored = new StoredFile(StoredFile.keyOf(staged.sha256(), type), type, staged.byteSize(), staged.sha256());
        String name = objectName(stored.key());
        // A HEAD first: the same content is often uploaded again, and a HEAD costs less than sending it. Two puts of
        // the same content at once both write it, with the same bytes.
        if (!exists(name)) {
            try {
                s3.putObject(request -> request.bucket(bucket).key(name).contentType(type.contentType())
                        .cacheControl(CACHE_CONTROL), RequestBody.fromFile(staged.path()));
            } catch (SdkException e) {
                throw failed("PUT", name, e);
            }
        }
        Files.delete(staged.path());
        return stored;
    }

    /** {@inheritDoc} The stream reads from the open connection: read it and close it promptly. */
    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return get(objectName(key));
    }

    /**
     * {@inheritDoc} A HEAD, whose 404 cannot tell a missing object from a missing bucket: both read as absent here,
     * where {@link #open} reports the missing bucket as an error.
     */
    @Override
    public boolean contains(String key) throws IOException {
        return exists(objectName(key));
    }

    @Override
    public void delete(String key) throws IOException {
        remove(objectName(key));
    }

    /**
     * A URL to which a client PUTs the bytes of one upload, within {@code validFor}. The client must send exactly
     * {@code Content-Type: contentType} and a body of {@code byteSize} bytes (its {@code Content-Length}): both are
     * signed, so the server refuses a PUT of another type or length, as it refuses the URL once expired or altered.
     * The URL is the only credential needed: hand it to the client that uploads and log it nowhere.
     *
     * @param uploadId    the upload's name, from the service, never the client: 16 to 64 of {@code A-Z a-z 0-9 _ -}
     * @param contentType one of the accepted image types' ({@code image/jpeg}, {@code image/png}, {@code image/gif},
     *                    {@code image/webp}), as is; the bytes are still recognised from themselves when read
     * @param byteSize    from 1 byte to 5 GiB, S3's limit for one PUT; the caller applies its own, smaller one
     * @param validFor    from 1 second to {@link #MAX_UPLOAD_VALIDITY}
     * @throws IllegalArgumentException any of these out of its bounds
     */
    public URI presignUpload(String uploadId, String contentType, long byteSize, Duration validFor) {
        String name = uploadName(uploadId);
        if (contentType == null || !UPLOAD_CONTENT_TYPES.contains(contentType)) {
            throw new IllegalArgumentException("An upload's content type must be one of " + UPLOAD_CONTENT_TYPES
                    + ", was " + contentType);
        }
        if (byteSize < 1 || byteSize > MAX_UPLOAD_BYTES) {
            throw new IllegalArgumentException("An upload's size must be from 1 to " + MAX_UPLOAD_BYTES
                    + " bytes, was " + byteSize);
        }
        if (validFor == null || validFor.compareTo(Duration.ofSeconds(1)) < 0
                || validFor.compareTo(MAX_UPLOAD_VALIDITY) > 0) {
            throw new IllegalArgumentException("An upload URL must be valid from 1 second to " + MAX_UPLOAD_VALIDITY
                    + ", was asked for " + validFor);
        }
        PresignedPutObjectRequest presigned = presigner.presignPutObject(presign -> presign
                .signatureDuration(validFor)
                .putObjectRequest(put -> put.bucket(bucket).key(name)
                        .contentType(contentType)
                        .contentLength(byteSize)));
        checkSigned(presigned.signedHeaders());
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK presigned a URL that is not a URI: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes a client PUT to its upload URL, if it did; unchecked, as the client sent them (the caller closes the
     * stream).
     */
    public Optional<InputStream> openUpload(String uploadId) throws IOException {
        return get(uploadName(uploadId));
    }

    /** Removes an upload's bytes; nothing when there are none. */
    public void deleteUpload(String uploadId) throws IOException {
        remove(uploadName(uploadId));
    }

    @Override
    public void close() {
        // The presigner closes the credentials provider too; the client leaves it, as one it was given.
        try (presigner) {
            s3.close();
        }
    }

    /** The object of {@code key}; the key is checked first, so no client text becomes an object's name. */
    String objectName(String key) {
        if (!StoredFile.isKey(key)) {
            throw new IllegalArgumentException("Not a stored file's key: " + key);
        }
        return prefix + key;
    }

    String uploadName(String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("An upload id must be 16 to 64 of A-Z a-z 0-9 _ -, was " + uploadId);
        }
        return prefix + "uploads/" + uploadId;
    }

    private Optional<InputStream> get(String name) throws IOException {
        try {
            return Optional.of(s3.getObject(request -> request.bucket(bucket).key(name)));
        } catch (NoSuchKeyException e) {
            return Optional.empty(); // not NoSuchBucket, which is a misconfiguration, not an absence
        } catch (SdkException e) {
            throw failed("GET", name, e);
        }
    }

    private boolean exists(String name) throws IOException {
        try {
            s3.headObject(request -> request.bucket(bucket).key(name));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // a HEAD's answer has no body to tell a missing object from a missing bucket
            }
            throw failed("HEAD", name, e);
        } catch (SdkException e) {
            throw failed("HEAD", name, e);
        }
    }

    private void remove(String name) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(name)); // S3 answers 204 for a missing object too
        } catch (SdkException e) {
            throw failed("DELETE", name, e);
        }
    }

    private IOException failed(String method, String name, SdkException e) {
        return new IOException("S3 " + method + " of " + name + " in bucket " + bucket + " failed: " + e.getMessage(),
                e);
    }

    /**
     * Refuses a URL whose signature would not bind the type and the length: the upload's limit would then be the
     * client's choice. Only a change in the SDK would do it; this makes such a change fail loudly.
     */
    private static void checkSigned(Map<String, List<String>> signedHeaders) {
        Set<String> signed = new TreeSet<>();
        signedHeaders.keySet().forEach(header -> signed.add(header.toLowerCase(Locale.ROOT)));
        if (!signed.containsAll(Set.of("content-type", "content-length"))) {
            throw new IllegalStateException("The SDK presigned an upload without signing its Content-Type and "
                    + "Content-Length; it signed only " + signed);
        }
    }

    private static Set<String> contentTypes() {
        Set<String> types = new TreeSet<>();
        for (ImageType type : ImageType.values()) {
            types.add(type.contentType());
        }
        return Collections.unmodifiableSet(types);
    }
}

package dev.catalog.files;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an {@link S3ImageStore} keeps its files, and with which credentials. Checked when made: a wrong value fails at
 * start-up with a message naming it, not at the first upload. {@link #toString()} never shows the secret key.
 *
 * @param endpoint        an S3-compatible server's base URL ({@code https://minio.example:9000}); {@code null} for AWS
 *                        itself, the region's endpoint
 * @param region          the region requests are signed for ({@code eu-central-1}); S3-compatible servers take any,
 *                        often {@code us-east-1}
 * @param bucket          the bucket, which must exist; named by S3's rules (3 to 63 lower-case letters, digits, dots
 *                        and hyphens)
 * @param accessKeyId     with {@code secretAccessKey}, the credentials; both {@code null} for the SDK's default chain
 *                        (environment, profile, container or instance role)
 * @param secretAccessKey the secret of {@code accessKeyId}; never printed
 * @param pathStyle       {@code https://host/bucket/name} rather than {@code https://bucket.host/name}; what most
 *                        S3-compatible servers need
 * @param prefix          put before every object's name ({@code catalog/images/}); may be empty, {@code null} is
 *                        taken as empty. Letters, digits, {@code _ . -} and {@code /} between non-empty segments
 * @param uploadEndpoint  the server's address as the clients that PUT staged uploads reach it, when it is not
 *                        {@code endpoint} (a container network's name that clients outside cannot resolve);
 *                        {@code null}: {@code endpoint}. The presigned URLs are signed for this host.
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey,
                         boolean pathStyle, String prefix, URI uploadEndpoint) {

    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_PREFIX_LENGTH = 512;

    public S3Settings {
        prefix = prefix == null ? "" : prefix;
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("The S3 region must be a region name such as eu-central-1 "
                    + "(lower-case letters, digits and hyphens), was " + quoted(region));
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("The S3 bucket must be named by S3's rules (3 to 63 lower-case letters, "
                    + "digits, dots and hyphens, starting and ending with a letter or digit), was " + quoted(bucket));
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("Give both the S3 access key id and the secret access key, or neither "
                    + "(the SDK's default credentials chain); only the " + (accessKeyId == null ? "secret" : "id")
                    + " was given");
        }
        if (accessKeyId != null && (accessKeyId.isBlank() || secretAccessKey.isBlank())) {
            throw new IllegalArgumentException("The S3 access key id and secret access key must not be blank");
        }
        checkPrefix(prefix);
        if (uploadEndpoint != null) {
            checkEndpoint(uploadEndpoint);
        }
    }

    /** Settings whose staged uploads go to {@code endpoint} too. */
    public S3Settings(URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey,
                      boolean pathStyle, String prefix) {
        this(endpoint, region, bucket, accessKeyId, secretAccessKey, pathStyle, prefix, null);
    }

    /** Whether the SDK's default credentials chain is used, rather than a key given here. */
    public boolean defaultCredentials() {
        return accessKeyId == null;
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region + ", bucket="
                + bucket + ", accessKeyId=" + (accessKeyId == null ? "(default chain)" : accessKeyId)
                + ", secretAccessKey=" + (secretAccessKey == null ? "(default chain)" : "(hidden)") + ", pathStyle="
                + pathStyle + ", prefix=" + prefix
                + (uploadEndpoint == null ? "" : ", uploadEndpoint=" + uploadEndpoint) + "]";
    }

    private static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("The S3 endpoint must be an http or https URL with a host, such as "
                    + "https://minio.example:9000, was " + endpoint);
        }
        // Credentials in the URL would be sent and logged as part of it; a query or fragment would be signed as part
        // of every request and break them all.
        if (endpoint.getUserInfo() != null || endpoint.getQuery() != null || endpoint.getFragment() != null) {
            throw new IllegalArgumentException("The S3 endpoint must have no user, query or fragment, was "
                    + endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":"
                    + endpoint.getPort()) + "…");
        }
    }

    /** No empty, "." or ".." segment, no leading slash: what names an object is plain, whatever the server does. */
    private static void checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return;
        }
        String[] segments = prefix.split("/", -1);
        boolean plain = prefix.length() <= MAX_PREFIX_LENGTH;
        for (int i = 0; plain && i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String segment = segments[i];
            plain = (last && segment.isEmpty()) || (PREFIX_SEGMENT.matcher(segment).matches()
                    && !segment.equals(".") && !segment.equals(".."));
        }
        if (!plain) {
            throw new IllegalArgumentException("The S3 object name prefix must be at most " + MAX_PREFIX_LENGTH
                    + " characters of letters, digits, _ . - and / between non-empty segments other than . and .. "
                    + "(such as catalog/images/), was " + quoted(prefix));
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}

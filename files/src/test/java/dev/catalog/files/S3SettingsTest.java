package dev.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    private static final URI ENDPOINT = URI.create("https://minio.example:9000");

    @Test
    void settings_that_s3_can_take_are_kept_and_a_missing_prefix_is_empty() {
        S3Settings settings = new S3Settings(ENDPOINT, "eu-central-1", "catalog.images-1", "id", "secret", true, null);

        assertThat(settings.prefix()).isEmpty();
        assertThat(settings.defaultCredentials()).isFalse();
        assertThat(new S3Settings(null, "us-east-1", "bucket", null, null, false, "catalog/images/")
                .defaultCredentials()).isTrue();
    }

    @Test
    void the_secret_key_is_never_printed() {
        S3Settings settings = new S3Settings(ENDPOINT, "us-east-1", "bucket", "AKIDEXAMPLE", "wJalrXUtnFEMI", true, "");

        assertThat(settings.toString()).contains("AKIDEXAMPLE", "bucket", "minio.example")
                .doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void a_wrong_value_is_refused_with_a_message_naming_it() {
        assertRefused(new Object[] {URI.create("ftp://host/"), "us-east-1", "bucket", "id", "secret", ""}, "endpoint");
        assertRefused(new Object[] {URI.create("https://user:pw@host/"), "us-east-1", "bucket", "id", "secret", ""},
                "endpoint");
        assertRefused(new Object[] {URI.create("https://host/?a=b"), "us-east-1", "bucket", "id", "secret", ""},
                "endpoint");
        assertRefused(new Object[] {ENDPOINT, "", "bucket", "id", "secret", ""}, "region");
        assertRefused(new Object[] {ENDPOINT, "us-east-1", "Bucket", "id", "secret", ""}, "bucket");
        assertRefused(new Object[] {ENDPOINT, "us-east-1", "ab", "id", "secret", ""}, "bucket");
        assertRefused(new Object[] {ENDPOINT, "us-east-1", "a..b", "id", "secret", ""}, "bucket");
        assertRefused(new Object[] {ENDPOINT, "us-east-1", "bucket", "id", null, ""}, "secret");
        assertRefused(new Object[] {ENDPOINT, "us-east-1", "bucket", null, "secret", ""}, "id");
        assertRefused(new Object[] {ENDPOINT, "us-east-1", "bucket", " ", "secret", ""}, "blank");
        for (String prefix : new String[] {"/catalog/", "catalog//images/", "../x/", "catalog/./", "a b/", "x?y"}) {
            assertRefused(new Object[] {ENDPOINT, "us-east-1", "bucket", "id", "secret", prefix}, "prefix");
        }
    }

    private static void assertRefused(Object[] values, String named) {
        assertThatThrownBy(() -> new S3Settings((URI) values[0], (String) values[1], (String) values[2],
                (String) values[3], (String) values[4], true, (String) values[5]))
                .as(Arrays.toString(values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }
}

package dev.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {

    @TempDir
    Path work;

    @Test
    void an_upload_within_the_limit_is_received_whole_with_its_hash() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Staging staging = new Staging(work.resolve("staging"), 1_000_000);

        StagedFile staged = staging.receive(new ByteArrayInputStream(bytes));

        assertThat(Files.readAllBytes(staged.path())).isEqualTo(bytes);
        assertThat(staged.byteSize()).isEqualTo(300_000);
        assertThat(staged.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void an_upload_over_the_limit_is_refused_as_soon_as_the_limit_is_passed_and_leaves_nothing() throws Exception {
        Staging staging = new Staging(work.resolve("staging"), 100_000);
        CountingEndlessStream endless = new CountingEndlessStream();

        assertThatThrownBy(() -> staging.receive(endless)).isInstanceOfSatisfying(RefusedImageException.class,
                e -> assertThat(e.reason()).isEqualTo(RefusedImageException.Reason.TOO_LARGE))
                .hasMessage("The file is larger than 100000 bytes, the most an upload may carry.");
        assertThat(endless.read).as("bytes read of an endless upload").isLessThan(100_000 + 64 * 1024 + 1);
        try (Stream<Path> left = Files.list(work.resolve("staging"))) {
            assertThat(left).as("files left in the staging directory").isEmpty();
        }
    }

    /** An upload that never ends, counting what was read of it. */
    private static final class CountingEndlessStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
            read += length;
            return length;
        }
    }
}

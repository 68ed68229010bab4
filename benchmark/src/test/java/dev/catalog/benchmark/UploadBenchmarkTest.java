package dev.catalog.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of the upload benchmark that need no server: the image, its distinct copies, the request, the checks. */
class UploadBenchmarkTest {

    private static final UploadImage IMAGE = UploadImage.ofAbout(200 * 1024);

    @Test
    void theImageIsAboutTheAskedSizeAndEveryCopyIsADistinctValidJpegOfTheSameLength() throws Exception {
        assertThat(IMAGE.size()).isBetween(195 * 1024, 205 * 1024);
        assertThat(IMAGE.width()).isGreaterThan(256);

        byte[] one = IMAGE.marked(1);
        byte[] two = IMAGE.marked(2);
        assertThat(one).hasSize(IMAGE.size());
        assertThat(two).hasSize(IMAGE.size());
        assertThat(sha256(one)).isNotEqualTo(sha256(two));
        assertThat(new String(one, StandardCharsets.ISO_8859_1)).contains("catalog upload benchmark #000000000000001");

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(two));
        assertThat(decoded.getWidth()).isEqualTo(IMAGE.width());
        assertThat(decoded.getHeight()).isEqualTo(IMAGE.height());
        assertThat(UploadBenchmark.size(one)).containsExactly(IMAGE.width(), IMAGE.height());
    }

    @Test
    void theCommentGoesAfterTheJfifSegment() {
        byte[] jpeg = IMAGE.jpeg();
        assertThat(jpeg[3] & 0xff).as("an APP0 segment first").isEqualTo(0xe0);
        int at = UploadImage.insertionPoint(jpeg);
        byte[] marked = IMAGE.marked(7);
        assertThat(marked[at] & 0xff).isEqualTo(0xff);
        assertThat(marked[at + 1] & 0xff).isEqualTo(0xfe);
        assertThat((marked[at + 2] & 0xff) << 8 | (marked[at + 3] & 0xff))
                .isEqualTo(UploadImage.COMMENT_SEGMENT_BYTES - 2);
    }

    @Test
    void theRequestHasTheThreePartsOfTheMultipartSpecification() {
        byte[] file = IMAGE.marked(3);
        String body = new String(new UploadBenchmark().multipart(42, file), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("name=\"operations\"", "\"productId\":42", "\"file\":null", "uploadImage(",
                "name=\"map\"", "{\"0\": [\"variables.file\"]}", "name=\"0\"; filename=\"bench.jpg\"",
                "Content-Type: image/jpeg\r\n\r\n" + new String(file, StandardCharsets.ISO_8859_1));
        assertThat(body).endsWith("--\r\n");
    }

    @Test
    void aVariantMustBeAnImageWithinTheBound() {
        UploadBenchmark benchmark = new UploadBenchmark();
        benchmark.variantWidth = 4096;
        assertThat(benchmark.checkVariant(200, "image/jpeg", IMAGE.jpeg())).isNull();
        assertThat(benchmark.checkVariant(404, "image/jpeg", IMAGE.jpeg())).isEqualTo("HTTP 404");
        assertThat(benchmark.checkVariant(200, "text/html", IMAGE.jpeg())).startsWith("Content-Type");
        assertThat(benchmark.checkVariant(200, "image/jpeg", "<html>".getBytes(StandardCharsets.UTF_8)))
                .startsWith("not a JPEG");
        benchmark.variantWidth = 256;
        assertThat(benchmark.checkVariant(200, "image/jpeg", IMAGE.jpeg())).contains("pixels wide");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        UploadBenchmark benchmark = new UploadBenchmark();
        new CommandLine(benchmark).parseArgs("--url", "http://127.0.0.1:9090");
        assertThat(benchmark.concurrency).isEqualTo(16);
        assertThat(benchmark.duration).isEqualTo(Duration.ofSeconds(20));
        assertThat(benchmark.warmup).isEqualTo(Duration.ofSeconds(10));
        assertThat(benchmark.imageKb).isEqualTo(200);
        assertThat(benchmark.variants).isEqualTo(50);
        assertThat(benchmark.variantWidth).isEqualTo(256);
        assertThat(UploadBenchmark.commandLine().execute("--concurrency", "0")).isEqualTo(2);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

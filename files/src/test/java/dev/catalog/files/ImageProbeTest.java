package dev.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageProbeTest {

    /** A real 1 x 1 lossless WebP (the JDK writes no WebP). */
    private static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private final ImageProbe probe = new ImageProbe(50_000_000);

    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"jpg, JPEG", "png, PNG", "gif, GIF"})
    void an_image_written_by_the_jdk_is_recognised_with_its_width_and_height(String format, ImageType type) throws Exception {
        Path file = write(encode(640, 427, format));

        assertThat(probe.probe(file)).isEqualTo(new ProbedImage(type, 640, 427));
    }

    @Test
    void a_webp_image_is_recognised_with_its_width_and_height() throws Exception {
        assertThat(probe.probe(write(WEBP_1X1))).isEqualTo(new ProbedImage(ImageType.WEBP, 1, 1));
    }

    @Test
    void the_extended_webp_header_gives_the_canvas_size() throws Exception {
        ByteBuffer header = ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBPVP8X".getBytes(StandardCharsets.US_ASCII))
                .putInt(10).putInt(0);
        header.put(24, new byte[] {(byte) 0x7f, 0x07, 0x00, (byte) 0x37, 0x04, 0x00}); // 1920 x 1080, each minus one

        assertThat(probe.probe(write(header.array()))).isEqualTo(new ProbedImage(ImageType.WEBP, 1920, 1080));
    }

    @Test
    void a_jpeg_whose_frame_header_comes_after_large_metadata_segments_is_still_read() throws Exception {
        byte[] jpeg = encode(300, 200, "jpg");
        byte[] exif = new byte[4 + 60_000];
        exif[0] = (byte) 0xff;
        exif[1] = (byte) 0xe1; // APP1
        exif[2] = (byte) ((60_002 >> 8) & 0xff);
        exif[3] = (byte) (60_002 & 0xff);
        byte[] withMetadata = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, withMetadata, 0, 2);
        System.arraycopy(exif, 0, withMetadata, 2, exif.length);
        System.arraycopy(jpeg, 2, withMetadata, 2 + exif.length, jpeg.length - 2);

        assertThat(probe.probe(write(withMetadata))).isEqualTo(new ProbedImage(ImageType.JPEG, 300, 200));
    }

    @Test
    void a_small_png_that_declares_a_hundred_thousand_pixels_square_is_refused_from_its_header() throws Exception {
        byte[] bomb = encode(1, 1, "png");
        ByteBuffer.wrap(bomb).putInt(16, 100_000).putInt(20, 100_000);

        assertThat(bomb.length).isLessThan(1024);
        assertThatThrownBy(() -> probe.probe(write(bomb))).isInstanceOfSatisfying(RefusedImageException.class,
                e -> assertThat(e.reason()).isEqualTo(RefusedImageException.Reason.TOO_MANY_PIXELS))
                .hasMessage("The image has 100000 x 100000 pixels; at most 50000000 pixels are accepted.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "<!DOCTYPE html><html><script>alert(1)</script></html>",
            "GIF8"})
    void text_and_other_formats_are_not_images_whatever_their_name(String content) throws IOException {
        Path file = Files.writeString(work.resolve("picture.png"), content);

        assertThatThrownBy(() -> probe.probe(file)).isInstanceOfSatisfying(RefusedImageException.class,
                e -> assertThat(e.reason()).isEqualTo(RefusedImageException.Reason.NOT_AN_IMAGE));
    }

    @Test
    void an_image_cut_off_in_its_header_is_refused_as_unreadable() throws Exception {
        byte[] png = encode(10, 10, "png");
        byte[] jpeg = encode(10, 10, "jpg");

        for (byte[] cut : new byte[][] {Arrays.copyOf(png, 12), Arrays.copyOf(jpeg, 40)}) {
            assertThatThrownBy(() -> probe.probe(write(cut))).isInstanceOfSatisfying(RefusedImageException.class,
                    e -> assertThat(e.reason()).isEqualTo(RefusedImageException.Reason.UNREADABLE));
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(work, "probe-", ".bin"), bytes);
    }

    static byte[] encode(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("the JDK writes " + format).isTrue();
        return out.toByteArray();
    }
}

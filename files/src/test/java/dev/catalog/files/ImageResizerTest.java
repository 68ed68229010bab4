package dev.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageResizerTest {

    private final ImageResizer resizer = new ImageResizer();

    @Test
    void a_photo_is_resized_to_fit_its_bounds_with_its_aspect_ratio_kept_as_a_jpeg() throws IOException {
        ImageResizer.Resized resized = resize(ImageProbeTest.encode(1000, 400, "jpeg"), 256, 0);

        assertThat(resized.type()).isEqualTo(ImageType.JPEG);
        assertThat(resized.width()).isEqualTo(256);
        assertThat(resized.height()).isEqualTo(102);
        assertThat(decoded).as("what was written").extracting(BufferedImage::getWidth, BufferedImage::getHeight)
                .containsExactly(256, 102);
    }

    @Test
    void the_tighter_bound_decides_and_an_image_is_never_enlarged() throws IOException {
        assertThat(resize(ImageProbeTest.encode(600, 900, "png"), 512, 128))
                .extracting(ImageResizer.Resized::width, ImageResizer.Resized::height).containsExactly(85, 128);
        assertThat(resize(ImageProbeTest.encode(40, 30, "png"), 256, 256))
                .extracting(ImageResizer.Resized::width, ImageResizer.Resized::height).containsExactly(40, 30);
    }

    @Test
    void transparency_is_kept_in_a_png() throws IOException {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(10, 10, 0x80ff0000);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);

        ImageResizer.Resized resized = resize(png.toByteArray(), 64, 64);

        assertThat(resized.type()).isEqualTo(ImageType.PNG);
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void a_webp_is_read_which_the_jdk_alone_cannot() throws IOException {
        // A 1 x 1 lossless WebP.
        byte[] webp = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

        assertThat(resize(webp, 16, 16)).extracting(ImageResizer.Resized::width, ImageResizer.Resized::height)
                .containsExactly(1, 1);
    }

    @Test
    void a_large_image_is_decoded_subsampled_within_the_pixel_budget() {
        // 10,000 x 5,000 pixels for a 2,048-pixel-wide variant: every third pixel, 5.6 million decoded.
        assertThat(ImageResizer.subsampling(10_000, 5_000, 2048, 1024)).isEqualTo(3);
        // Small enough to decode whole at twice the target: no subsampling.
        assertThat(ImageResizer.subsampling(1000, 500, 512, 256)).isEqualTo(1);
        // Far larger than the target: subsampled to about twice it.
        assertThat(ImageResizer.subsampling(4000, 4000, 100, 100)).isEqualTo(20);
    }

    @Test
    void bytes_that_are_no_image_and_bounds_that_bound_nothing_are_refused() {
        assertThatThrownBy(() -> resize("not an image".getBytes(), 64, 64)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> resize(new byte[0], 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private BufferedImage decoded;

    private ImageResizer.Resized resize(byte[] source, int maxWidth, int maxHeight) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageResizer.Resized resized = resizer.resize(new ByteArrayInputStream(source), maxWidth, maxHeight, out);
        decoded = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        return resized;
    }
}

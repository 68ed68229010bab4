package dev.catalog.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes a smaller copy of an image that fits within bounds, keeping its aspect ratio. Thumbnailator does the
 * resizing (progressive bilinear steps, which keep detail better than one step of Java2D's); ImageIO reads the source
 * (with TwelveMonkeys' readers for JPEG, which read CMYK and broken files the JDK's refuses, and WebP, which the JDK
 * has none for).
 *
 * <p>Memory is bounded whatever the source: it is decoded with ImageIO's subsampling, at no more than
 * {@value #MAX_DECODED_PIXELS} pixels and no more than about twice the size of the result, so a 50-megapixel photo
 * never needs its 200 MB of pixels.
 */
public final class ImageResizer {

    /** The most pixels decoded at once: 32 MB at four bytes a pixel. */
    static final long MAX_DECODED_PIXELS = 8_000_000;

    /**
     * Registers the image readers on the class path with ImageIO (TwelveMonkeys'), whichever class loader ImageIO
     * first ran under: in the packaged service the application's classes are not on the system class path.
     */
    public ImageResizer() {
        ImageIO.scanForPlugins();
    }

    /** The result of a resize: its type (JPEG for opaque images, PNG for those with transparency) and size. */
    public record Resized(ImageType type, int width, int height) {
    }

    /**
     * Writes to {@code out} the image of {@code source}, scaled to fit within {@code maxWidth} × {@code maxHeight}
     * ({@code 0}: unbounded) with its aspect ratio kept, never larger than it is.
     *
     * @throws IOException when the source cannot be read as an image
     */
    public Resized resize(InputStream source, int maxWidth, int maxHeight, OutputStream out) throws IOException {
        if (maxWidth < 0 || maxHeight < 0 || maxWidth == 0 && maxHeight == 0) {
            throw new IllegalArgumentException("Bounds are positive, or 0 for one unbounded side; got " + maxWidth
                    + " x " + maxHeight);
        }
        BufferedImage decoded;
        int width;
        int height;
        try (ImageInputStream in = ImageIO.createImageInputStream(source)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("No image reader recognises the file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                double scale = Math.min(1.0, Math.min(maxWidth == 0 ? 1.0 : (double) maxWidth / width,
                        maxHeight == 0 ? 1.0 : (double) maxHeight / height));
                int targetWidth = Math.max(1, (int) Math.round(width * scale));
                int targetHeight = Math.max(1, (int) Math.round(height * scale));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height, targetWidth, targetHeight);
                param.setSourceSubsampling(step, step, 0, 0);
                decoded = reader.read(0, param);
                width = targetWidth;
                height = targetHeight;
            } finally {
                reader.dispose();
            }
        }
        ImageType type = decoded.getColorModel().hasAlpha() ? ImageType.PNG : ImageType.JPEG;
        BufferedImage result = Thumbnails.of(decoded).forceSize(width, height) // the aspect ratio was kept above
                .imageType(type == ImageType.PNG ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
                .asBufferedImage();
        write(result, type, out);
        return new Resized(type, result.getWidth(), result.getHeight());
    }

    private static void write(BufferedImage image, ImageType type, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(type == ImageType.PNG ? "png" : "jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == ImageType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Keep every {@code n}th pixel of each row and column: as many as leave at least twice the target's pixels
     * along each side, and at least as many as keep the decoded image within {@link #MAX_DECODED_PIXELS}.
     */
    static int subsampling(int width, int height, int targetWidth, int targetHeight) {
        int forQuality = Math.max(1, Math.min(width / (2 * targetWidth), height / (2 * targetHeight)));
        int forMemory = (int) Math.ceil(Math.sqrt((double) width * height / MAX_DECODED_PIXELS));
        return Math.max(forQuality, Math.max(1, forMemory));
    }
}

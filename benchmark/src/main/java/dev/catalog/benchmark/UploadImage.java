package dev.catalog.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The JPEG the upload benchmark sends: one real image of about the asked size, made once with ImageIO (a photo-like
 * picture: gradients, shapes and sensor-like noise, always the same for the same size), and per upload a copy made
 * distinct by a comment (COM) segment holding a counter. Every copy has the same length and decodes to the same
 * pixels; only its SHA-256 differs, which is what the service keys stored files by.
 *
 * @param jpeg    the image without the comment
 * @param width   its width in pixels
 * @param height  its height in pixels
 * @param quality the JPEG quality it was encoded at
 */
record UploadImage(byte[] jpeg, int width, int height, float quality) {

    /** The comment's text: a fixed length, so that every copy has the same size. */
    private static final String COMMENT = "catalog upload benchmark #%015d";
    /** The bytes a copy has beyond {@link #jpeg}: the marker, the length and the comment. */
    static final int COMMENT_SEGMENT_BYTES = 4 + COMMENT.formatted(0L).length();

    private static final int START_OF_IMAGE = 0xd8;
    private static final int APP0 = 0xe0;
    private static final int COM = 0xfe;

    /**
     * An image whose JPEG, once marked, is within a few percent of {@code targetBytes}: its width (3:2) is chosen
     * for the size at quality 0.85, then the quality is tuned.
     */
    static UploadImage ofAbout(int targetBytes) {
        if (targetBytes < 2_000) {
            throw new IllegalArgumentException("An upload image is at least 2000 bytes, not " + targetBytes);
        }
        int target = targetBytes - COMMENT_SEGMENT_BYTES;
        int width = 960;
        BufferedImage picture = picture(width);
        byte[] encoded = encode(picture, 0.85f);
        for (int round = 0; round < 6 && Math.abs(encoded.length - target) > target * 0.15; round++) {
            width = (int) Math.max(64, Math.min(8192, Math.round(width * Math.sqrt((double) target / encoded.length))));
            picture = picture(width);
            encoded = encode(picture, 0.85f);
        }
        float low = 0.3f;
        float high = 0.98f;
        float quality = 0.85f;
        byte[] best = encoded;
        float bestQuality = quality;
        for (int step = 0; step < 12 && Math.abs(best.length - target) > target * 0.01; step++) {
            quality = (low + high) / 2;
            byte[] attempt = encode(picture, quality);
            if (Math.abs(attempt.length - target) < Math.abs(best.length - target)) {
                best = attempt;
                bestQuality = quality;
            }
            if (attempt.length > target) {
                high = quality;
            } else {
                low = quality;
            }
        }
        return new UploadImage(best, picture.getWidth(), picture.getHeight(), bestQuality);
    }

    /** The length of every marked copy. */
    int size() {
        return jpeg.length + COMMENT_SEGMENT_BYTES;
    }

    /**
     * A copy with a comment segment holding {@code counter}, after the JFIF APP0 segment (which the JFIF
     * specification wants right after the start of image), else right after the start of image.
     */
    byte[] marked(long counter) {
        byte[] comment = COMMENT.formatted(counter).getBytes(StandardCharsets.US_ASCII);
        int at = insertionPoint(jpeg);
        byte[] copy = new byte[jpeg.length + 4 + comment.length];
        System.arraycopy(jpeg, 0, copy, 0, at);
        copy[at] = (byte) 0xff;
        copy[at + 1] = (byte) COM;
        int length = 2 + comment.length; // the length counts itself, not the marker
        copy[at + 2] = (byte) (length >>> 8);
        copy[at + 3] = (byte) length;
        System.arraycopy(comment, 0, copy, at + 4, comment.length);
        System.arraycopy(jpeg, at, copy, at + 4 + comment.length, jpeg.length - at);
        return copy;
    }

    String describe() {
        return String.format(Locale.ROOT, "%dx%d JPEG of %,d bytes (quality %.2f)", width, height, size(), quality);
    }

    static int insertionPoint(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != START_OF_IMAGE) {
            throw new IllegalArgumentException("Not a JPEG: no start-of-image marker");
        }
        if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == APP0 && jpeg.length >= 6) {
            int length = (jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff);
            return 4 + length;
        }
        return 2;
    }

    /** A photo-like picture, 3:2: the same for the same width, so that runs compare. */
    private static BufferedImage picture(int width) {
        int height = Math.max(1, width * 2 / 3);
        Random random = new Random(20_260_101L + width);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(70, 120, 190), 0, height, new Color(230, 210, 170)));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 60; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256),
                        80 + random.nextInt(176)));
                int w = width / 20 + random.nextInt(Math.max(1, width / 4));
                int h = height / 20 + random.nextInt(Math.max(1, height / 4));
                int x = random.nextInt(width) - w / 2;
                int y = random.nextInt(height) - h / 2;
                if (random.nextBoolean()) {
                    g.fillOval(x, y, w, h);
                } else {
                    g.setStroke(new BasicStroke(1 + random.nextInt(6)));
                    g.drawRect(x, y, w, h);
                }
            }
        } finally {
            g.dispose();
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(25) - 12;
                int rgb = row[x];
                row[x] = clamp((rgb >> 16 & 0xff) + noise) << 16 | clamp((rgb >> 8 & 0xff) + noise) << 8
                        | clamp((rgb & 0xff) + noise);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the upload image", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

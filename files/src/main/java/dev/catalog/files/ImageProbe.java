package dev.catalog.files;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Recognises an image file from its bytes and reads its width and height from its header, never decoding its
 * pixels: a file that declares more pixels than the limit is refused before anything would allocate them.
 */
public final class ImageProbe {

    private final long maxPixels;

    /** @param maxPixels the largest width × height accepted */
    public ImageProbe(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * The type and size of the image in {@code file}.
     *
     * @throws RefusedImageException not an accepted image type, a header that cannot be read, or too many pixels
     */
    public ProbedImage probe(Path file) throws IOException, RefusedImageException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[32];
            int length = readUpTo(in, head);
            ImageType type = ImageType.sniff(head, length).orElseThrow(() -> new RefusedImageException(
                    RefusedImageException.Reason.NOT_AN_IMAGE, "The file is not a JPEG, PNG, GIF or WebP image."));
            int[] size;
            try {
                size = switch (type) {
                    case PNG -> png(head, length);
                    case GIF -> new int[] {u16le(head, 6), u16le(head, 8)};
                    case WEBP -> webp(head, length);
                    case JPEG -> jpeg(in);
                };
            } catch (EOFException | IndexOutOfBoundsException e) {
                size = null;
            }
            if (size == null || size[0] < 1 || size[1] < 1) {
                throw new RefusedImageException(RefusedImageException.Reason.UNREADABLE,
                        "The file starts like a " + type + " image, but its header gives no width and height.");
            }
            if ((long) size[0] * size[1] > maxPixels) {
                throw new RefusedImageException(RefusedImageException.Reason.TOO_MANY_PIXELS, "The image has "
                        + size[0] + " x " + size[1] + " pixels; at most " + maxPixels + " pixels are accepted.");
            }
            return new ProbedImage(type, size[0], size[1]);
        }
    }

    private static int readUpTo(RandomAccessFile in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int read = in.read(buffer, total, buffer.length - total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    /** The IHDR chunk, which the PNG specification puts first. */
    private static int[] png(byte[] head, int length) {
        if (length < 24 || head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
            return null;
        }
        return new int[] {s32be(head, 16), s32be(head, 20)};
    }

    /** The first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X, whose canvas size counts). */
    private static int[] webp(byte[] head, int length) {
        if (length < 30) {
            return null;
        }
        String chunk = new String(head, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> (head[23] & 0xff) == 0x9d && (head[24] & 0xff) == 0x01 && (head[25] & 0xff) == 0x2a
                    ? new int[] {u16le(head, 26) & 0x3fff, u16le(head, 28) & 0x3fff} : null;
            case "VP8L" -> {
                if ((head[20] & 0xff) != 0x2f) {
                    yield null;
                }
                long bits = (head[21] & 0xffL) | (head[22] & 0xffL) << 8 | (head[23] & 0xffL) << 16 | (head[24] & 0xffL) << 24;
                yield new int[] {(int) (bits & 0x3fff) + 1, (int) (bits >> 14 & 0x3fff) + 1};
            }
            case "VP8X" -> new int[] {u24le(head, 24) + 1, u24le(head, 27) + 1};
            default -> null;
        };
    }

    /** Walks the segments up to the first start-of-frame marker, skipping each by its length. */
    private static int[] jpeg(RandomAccessFile in) throws IOException {
        in.seek(2);
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xff) {
                return null;
            }
            while (marker == 0xff) {
                marker = in.readUnsignedByte(); // fill bytes
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // no length
            }
            if (marker == 0xd9 || marker == 0xda) {
                return null; // end of image, or the scan, before any frame header
            }
            int segmentLength = in.readUnsignedShort();
            if (segmentLength < 2) {
                return null;
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                in.readUnsignedByte(); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                return new int[] {width, height};
            }
            in.seek(in.getFilePointer() + segmentLength - 2);
        }
    }

    private static int u16le(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private static int u24le(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16;
    }

    /** A PNG dimension: at most 2^31 - 1; a larger one reads as negative and is refused as unreadable. */
    private static int s32be(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }
}

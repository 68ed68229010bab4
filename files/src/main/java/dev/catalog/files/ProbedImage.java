package dev.catalog.files;

/** What an image file's header says: its type, and its size in pixels. */
public record ProbedImage(ImageType type, int width, int height) {
}

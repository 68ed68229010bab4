/**
 * Uploaded image files, apart from what the catalog does with them (ADR 31).
 *
 * <p>{@link dev.catalog.files.Staging} receives the bytes of an upload into a file of its own within a size limit,
 * hashing them as they come; {@link dev.catalog.files.ImageProbe} recognises the image from its first bytes (never
 * from a name or a declared type) and reads its width and height from its header, without decoding it;
 * {@link dev.catalog.files.ImageStore} keeps the file under the hash of its content, so the same bytes are stored
 * once and a key never comes from a client's file name.
 */
package dev.catalog.files;

/**
 * Images as files: uploads received, checked and kept in the image store ({@link ImageUploads}), and the stored
 * files served under {@code /files/} ({@link StoredFiles}). The file layer itself is the {@code files} module.
 */
package dev.catalog.gateway.files;

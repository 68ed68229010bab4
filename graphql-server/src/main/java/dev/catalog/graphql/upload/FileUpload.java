package dev.catalog.graphql.upload;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file of a multipart GraphQL request: the value an {@code Upload} variable holds when the operation runs. Its bytes
 * are readable while the request lasts; the server removes them after it.
 *
 * <p>Its name and content type are what the client declared: a resolver must not trust either (nor use the name in
 * a path).
 */
public final class FileUpload {

    private final Part part;

    FileUpload(Part part) {
        this.part = part;
    }

    /** The file name the client sent, possibly null; never a path to use. */
    public String declaredFileName() {
        return part.getSubmittedFileName();
    }

    /** The content type the client declared for the file, possibly null. */
    public String declaredContentType() {
        return part.getContentType();
    }

    /** The file's length in bytes. */
    public long byteSize() {
        return part.getSize();
    }

    /** The file's bytes, from the start; the caller closes the stream. */
    public InputStream open() throws IOException {
        return part.getInputStream();
    }

    @Override
    public String toString() {
        return "FileUpload[" + part.getSize() + " bytes]";
    }
}

package dev.catalog.graphql.media;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether a request is a {@code multipart/form-data} one: the cross-site guard, the body size filter and the upload
 * reader must agree on it, or a request could pass one of them as something it is not for the other.
 */
public final class MultipartForms {

    private MultipartForms() {
    }

    /** @param contentType the request's {@code Content-Type}, possibly null or unparseable (then: not multipart) */
    public static boolean is(String contentType) {
        try {
            return contentType != null
                    && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}

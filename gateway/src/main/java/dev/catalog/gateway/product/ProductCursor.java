package dev.catalog.gateway.product;

import dev.catalog.graphql.error.BadUserInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors for {@code products}: the product id, base64url-encoded behind a prefix. */
final class ProductCursor {

    private static final String PREFIX = "product:";

    private ProductCursor() {
    }

    static String encode(long productId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + productId).getBytes(StandardCharsets.UTF_8));
    }

    /** The product id the cursor points at; a cursor this API did not make is BAD_USER_INPUT. */
    static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                long id = Long.parseLong(text.substring(PREFIX.length()));
                if (id >= 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below; NumberFormatException is an IllegalArgumentException
        }
        throw new BadUserInputException("after", "`after` is not a cursor returned by this API.");
    }
}

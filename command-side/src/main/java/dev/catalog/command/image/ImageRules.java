package dev.catalog.command.image;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.ProductId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rules on an image's fields. Each method returns the normalized value or throws a
 * {@link CommandRejectedException} ({@code INVALID_INPUT}) naming the GraphQL input field at fault.
 */
public final class ImageRules {

    public static final int MAX_URL_LENGTH = 2048;
    public static final int DEFAULT_PRIORITY = 100;
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 100;

    private ImageRules() {
    }

    /**
     * The trimmed url: an absolute {@code http} or {@code https} URI with a host, at most 2048
     * characters (code points). It is kept as written (not normalized), so urls are compared exactly.
     */
    public static String url(String url) {
        if (url == null || url.isBlank()) {
            throw CommandRejectedException.invalid("url", "An image url is required.");
        }
        String trimmed = url.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_URL_LENGTH) {
            throw CommandRejectedException.invalid("url", "An image url has at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw CommandRejectedException.invalid("url", "An image url must be a valid absolute http or https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw CommandRejectedException.invalid("url", "An image url must be an absolute http or https URL with a host.");
        }
        return trimmed;
    }

    /** {@code null} means 100; otherwise 0 to 100. */
    public static int priority(Integer priority) {
        if (priority == null) {
            return DEFAULT_PRIORITY;
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw CommandRejectedException.invalid("priority", "An image priority must be between " + MIN_PRIORITY
                    + " and " + MAX_PRIORITY + ", got " + priority + ".");
        }
        return priority;
    }

    /** The product the image belongs to: required. */
    public static ProductId productId(ProductId productId) {
        if (productId == null) {
            throw CommandRejectedException.invalid("productId", "An image needs a productId.");
        }
        return productId;
    }
}

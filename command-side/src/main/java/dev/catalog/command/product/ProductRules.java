package dev.catalog.command.product;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.ProductStatus;
import java.math.BigDecimal;

/**
 * The rules on a product's fields. Each method returns the normalized value or throws a
 * {@link CommandRejectedException} ({@code INVALID_INPUT}) naming the GraphQL input field at fault.
 */
public final class ProductRules {

    public static final int MIN_NAME_LENGTH = 3;
    public static final int MAX_NAME_LENGTH = 500;
    public static final int PRICE_SCALE = 2;
    public static final BigDecimal MAX_PRICE = BigDecimal.TEN.pow(12);

    private ProductRules() {
    }

    /**
     * The trimmed name, 3 to 500 characters counted as Unicode code points (an emoji is one), with no
     * control characters (PostgreSQL text cannot even hold NUL).
     */
    public static String name(String name) {
        if (name == null) {
            throw CommandRejectedException.invalid("name", "A product name is required.");
        }
        String trimmed = name.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < MIN_NAME_LENGTH || length > MAX_NAME_LENGTH) {
            throw CommandRejectedException.invalid("name", "A product name must be " + MIN_NAME_LENGTH
                    + " to " + MAX_NAME_LENGTH + " characters long (without leading and trailing spaces), got "
                    + length + ".");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw CommandRejectedException.invalid("name",
                    "A product name cannot contain control characters (such as NUL, tab or line breaks).");
        }
        return trimmed;
    }

    /**
     * The price with scale 2: from 0 to 10^12, at most two decimal places ({@code 1.500} is fine,
     * {@code 1.505} is not). A {@link BigDecimal} is always finite; the gateway, which receives a
     * GraphQL Float, must refuse NaN and infinities before building one.
     */
    public static BigDecimal price(BigDecimal price) {
        if (price == null) {
            throw CommandRejectedException.invalid("price", "A product price is required.");
        }
        if (price.signum() < 0) {
            throw CommandRejectedException.invalid("price", "A product price cannot be negative.");
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            throw CommandRejectedException.invalid("price", "A product price cannot exceed 1000000000000.");
        }
        if (price.stripTrailingZeros().scale() > PRICE_SCALE) {
            throw CommandRejectedException.invalid("price", "A product price has at most 2 decimal places.");
        }
        return price.setScale(PRICE_SCALE);
    }

    /** {@code null} means {@link ProductStatus#ACTIVE}. */
    public static ProductStatus status(ProductStatus status) {
        return status == null ? ProductStatus.ACTIVE : status;
    }
}

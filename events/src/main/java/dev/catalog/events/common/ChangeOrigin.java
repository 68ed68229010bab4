package dev.catalog.events.common;

/**
 * The keys of the metadata that every command carries and its events record: who caused the change and in which
 * request. The product-image cascade's commands inherit them from the deletion that caused them.
 */
public final class ChangeOrigin {

    /** Who: a token's subject, {@value #LOCAL}, {@value #ANONYMOUS}, or {@value #UNKNOWN} for events without it. */
    public static final String BY = "by";
    /** The id of the request that caused the change, shared by every change it caused. */
    public static final String REQUEST_ID = "requestId";

    /** A client of the service's own machine, in open mode (no token needed to write). */
    public static final String LOCAL = "local";
    /** A caller without a token. */
    public static final String ANONYMOUS = "anonymous";
    /** An event stored before changes recorded who made them. */
    public static final String UNKNOWN = "unknown";

    private ChangeOrigin() {
    }
}

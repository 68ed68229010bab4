package dev.catalog.graphql.error;

/**
 * The values of {@code extensions.code} on every GraphQL error this service returns: Apollo Server's
 * conventional codes, so clients written against the earlier system handle them unchanged.
 */
public enum ErrorCode {
    /** The HTTP request itself is malformed (not a GraphQL request, wrong media type); nothing ran. */
    BAD_REQUEST,
    /** The document is not valid GraphQL syntax. */
    GRAPHQL_PARSE_FAILED,
    /** The document does not validate against the schema. */
    GRAPHQL_VALIDATION_FAILED,
    /** An argument or variable has a value the service refuses; {@code extensions.field} names it. */
    BAD_USER_INPUT,
    /** A referenced entity does not exist. */
    NOT_FOUND,
    /** The request clashes with the current state (taken name, stale {@code expectedVersion}). */
    CONFLICT,
    /** The operation needs a bearer token and the request had none (or, with HTTP 401, an invalid one). */
    UNAUTHENTICATED,
    /** The bearer token is valid but lacks the scope the operation needs. */
    FORBIDDEN,
    /** HTTP 429: the client sent too many requests; {@code Retry-After} says when to try again. */
    RATE_LIMITED,
    /** HTTP 503: something the answer depends on (the token issuer) cannot be reached; retry later. */
    SERVICE_UNAVAILABLE,
    /** Anything else; details are logged under {@code extensions.errorId}, never sent. */
    INTERNAL_SERVER_ERROR
}

package dev.catalog.gateway.error;

/**
 * The values of {@code extensions.code} on every GraphQL error this service returns: Apollo Server's
 * conventional codes, so clients written against the earlier system handle them unchanged.
 */
public enum ErrorCode {
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
    /** Anything else; details are logged under {@code extensions.errorId}, never sent. */
    INTERNAL_SERVER_ERROR
}

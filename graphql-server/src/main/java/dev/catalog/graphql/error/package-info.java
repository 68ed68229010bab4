/**
 * One error shape for every answer: the GraphQL specification's {@code errors} with an Apollo
 * {@code extensions.code} ({@link dev.catalog.graphql.error.ErrorCode}, {@link dev.catalog.graphql.error.LimitCode}),
 * for errors of execution ({@link dev.catalog.graphql.error.ErrorCodes}), for refusals thrown by the API
 * ({@link dev.catalog.graphql.error.CodedError}), for failures the client cannot act on
 * ({@link dev.catalog.graphql.error.InternalErrors}) and for requests refused before GraphQL runs
 * ({@link dev.catalog.graphql.error.ErrorBodies}).
 */
package dev.catalog.graphql.error;

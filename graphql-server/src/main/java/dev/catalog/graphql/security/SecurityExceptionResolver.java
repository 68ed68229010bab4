package dev.catalog.graphql.security;

import dev.catalog.graphql.error.ErrorCode;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns a refused {@link RequiredScope} check into a GraphQL error on the field:
 * {@code UNAUTHENTICATED} for an anonymous caller, {@code FORBIDDEN} for a token without the scope. It runs
 * before the API's own resolvers (which would call them internal errors) and before Spring's own
 * security resolver (which sets no {@code extensions.code}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final boolean openMode;

    SecurityExceptionResolver(CatalogSecurityProperties properties) {
        this.openMode = !properties.jwt().configured();
        // Data fetchers may run on another thread: restore the request's SecurityContext to read the caller.
        setThreadLocalContextAware(true);
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception, DataFetchingEnvironment env) {
        if (exception instanceof AuthenticationException) {
            return error(env, ErrorCode.UNAUTHENTICATED);
        }
        if (exception instanceof AccessDeniedException) {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            return error(env, caller == null || trust.isAnonymous(caller) ? ErrorCode.UNAUTHENTICATED
                    : ErrorCode.FORBIDDEN);
        }
        return null;
    }

    private GraphQLError error(DataFetchingEnvironment env, ErrorCode code) {
        String message = code == ErrorCode.FORBIDDEN ? "The bearer token lacks the scope this operation needs."
                : openMode ? "This service runs without token verification (open mode), where only clients on its own "
                        + "machine may change data. To let other clients write, set CATALOG_JWT_SECRET or "
                        + "CATALOG_JWT_ISSUER_URI on the service and send Authorization: Bearer <token>."
                : "This operation needs a bearer token (Authorization: Bearer ...).";
        return GraphqlErrorBuilder.newError(env).message(message).extensions(Map.of("code", code.name())).build();
    }
}

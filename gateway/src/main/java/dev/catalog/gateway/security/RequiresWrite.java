package dev.catalog.gateway.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on a controller method (every {@code @MutationMapping} that is not administrative, see {@link RequiresAdmin}):
 * the caller needs scope {@value Scopes#WRITE}.
 * Checked before the method runs; without a token the field fails with {@code UNAUTHENTICATED}, with a token
 * lacking the scope with {@code FORBIDDEN}. In open mode (no token verifier configured) everyone passes.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresWrite {
}

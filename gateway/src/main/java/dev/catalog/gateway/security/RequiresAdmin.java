package dev.catalog.gateway.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on a controller method of an administrative operation: the caller needs scope {@value Scopes#ADMIN}
 * ({@value Scopes#WRITE} alone is not enough). Failures are reported as for {@link RequiresWrite}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresAdmin {
}

package dev.catalog.graphql.security;

import java.lang.annotation.Annotation;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The check behind an API's scope annotations ({@link #advisor}): before the annotated method (or any method of
 * an annotated class) runs, the caller ({@link Callers}) must hold the scope's authority; otherwise
 * {@link AccessDeniedException}, which {@link SecurityExceptionResolver} reports as {@code UNAUTHENTICATED} or
 * {@code FORBIDDEN}.
 *
 * <p>A plain authority lookup rather than {@code @PreAuthorize}: Spring's expression-based method security parsed
 * an evaluation context per call and formatted two debug messages per call even with debug logging off (Spring 7
 * logs through commons-logging 1.3, whose SLF4J bridge formats every message before the level check), about 4% of
 * the service's CPU on a create.
 */
public final class RequiredScope implements MethodInterceptor {

    private final String authority;

    private RequiredScope(String authority) {
        this.authority = authority;
    }

    /**
     * Checks {@code scope} before the methods annotated (or declared in classes annotated) with {@code annotation}:
     * the API declares its advisor as an infrastructure bean.
     */
    public static Advisor advisor(Class<? extends Annotation> annotation, String scope) {
        String authority = ApiScopes.authority(scope);
        var pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(null, annotation, true))
                .union(new AnnotationMatchingPointcut(annotation, true));
        return new DefaultPointcutAdvisor(pointcut, new RequiredScope(authority));
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !holds(caller)) {
            throw new AccessDeniedException("Access Denied");
        }
        return invocation.proceed();
    }

    private boolean holds(Authentication caller) {
        for (GrantedAuthority granted : caller.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}

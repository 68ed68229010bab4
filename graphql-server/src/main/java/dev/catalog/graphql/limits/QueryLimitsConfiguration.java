package dev.catalog.graphql.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Binds the limits, and puts the body-size check in front of every POST, whatever its path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueryLimits.class, HttpLimits.class, UploadLimits.class})
public class QueryLimitsConfiguration {

    /**
     * Early, even before authentication: refusing an oversized body costs nothing, and a later filter must not
     * be the one that reads it. On every path, so no spelling of a GraphQL endpoint escapes it.
     */
    @Bean
    FilterRegistrationBean<BodySizeFilter> bodySizeFilter(HttpLimits limits, UploadLimits uploads) {
        FilterRegistrationBean<BodySizeFilter> registration = new FilterRegistrationBean<>(
                new BodySizeFilter(limits, uploads));
        // After the rate limit (cheapest refusal first), before the simple-request guard and Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}

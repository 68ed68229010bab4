package dev.catalog.gateway.limits;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Binds the limits and puts the body-size check in front of the GraphQL endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueryLimits.class, HttpLimits.class})
public class QueryLimitsConfiguration {

    /**
     * First of all filters, even before authentication: refusing an oversized body costs nothing, and a
     * later filter must not be the one that reads it.
     */
    @Bean
    FilterRegistrationBean<BodySizeFilter> bodySizeFilter(HttpLimits limits,
                                                          @Value("${spring.graphql.http.path:/graphql}") String path) {
        FilterRegistrationBean<BodySizeFilter> registration = new FilterRegistrationBean<>(new BodySizeFilter(limits));
        registration.addUrlPatterns(path);
        // After the rate limit (cheapest refusal first), before the simple-request guard and Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}

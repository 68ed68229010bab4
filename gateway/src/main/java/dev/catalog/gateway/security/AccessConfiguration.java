package dev.catalog.gateway.security;

import dev.catalog.graphql.security.ApiScopes;
import dev.catalog.graphql.security.RequiredScope;
import org.springframework.aop.Advisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/** The catalog's scopes, given to the GraphQL server, and the checks of its annotations. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    ApiScopes apiScopes() {
        return Scopes.API;
    }

    /** {@link RequiresWrite}: scope {@value Scopes#WRITE}, checked before the method runs. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor requiresWriteAdvisor() {
        return RequiredScope.advisor(RequiresWrite.class, Scopes.WRITE);
    }

    /** {@link RequiresAdmin}: scope {@value Scopes#ADMIN}, checked before the method runs. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor requiresAdminAdvisor() {
        return RequiredScope.advisor(RequiresAdmin.class, Scopes.ADMIN);
    }
}

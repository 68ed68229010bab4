package dev.catalog.gateway.http;

import dev.catalog.gateway.execution.GraphQlExecutor;
import dev.catalog.gateway.security.Callers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps the {@link GraphQlEndpoint} servlet at {@code spring.graphql.http.path} ({@code /graphql}), and runs the
 * controllers on the request's own thread.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlEndpointConfiguration {

    /**
     * With virtual threads on, Spring for GraphQL hands every controller call to another virtual thread. The
     * request already runs on one: the hop costs a thread and a context switch per field, and loses the
     * request's thread-local security context. Every controller method runs inline instead.
     */
    @Bean
    static BeanPostProcessor controllersOnTheRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AnnotatedControllerConfigurer controllers) {
                    controllers.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }

    @Bean
    ServletRegistrationBean<GraphQlEndpoint> graphQlEndpoint(@Value("${spring.graphql.http.path:/graphql}") String path,
                                                             GraphQlExecutor executor, Callers callers,
                                                             UrlBasedCorsConfigurationSource cors, JsonMapper json) {
        ServletRegistrationBean<GraphQlEndpoint> registration =
                new ServletRegistrationBean<>(new GraphQlEndpoint(executor, callers, cors, json), path);
        registration.setName("graphql");
        registration.setLoadOnStartup(1);
        return registration;
    }
}

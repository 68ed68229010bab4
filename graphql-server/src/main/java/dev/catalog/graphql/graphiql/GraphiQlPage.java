package dev.catalog.graphql.graphiql;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphiQL, served by the service itself: the page and its boot script come from {@code classpath:graphiql/},
 * GraphiQL and React from pinned jars of the build ({@code /_static/...}); nothing is loaded from another
 * origin, so the page works without internet access and no third-party code runs where tokens are typed.
 * The page's Content-Security-Policy allows scripts, styles, fonts (GraphiQL's CSS embeds them as
 * {@code data:} URIs) and requests from this origin only; {@code style-src-elem 'unsafe-inline'} lets
 * GraphiQL's dialogs add the style element they need. Served only while introspection is on
 * ({@code CATALOG_GRAPHQL_INTROSPECTION}), since GraphiQL needs it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "catalog.graphql.introspection", havingValue = "true", matchIfMissing = true)
public class GraphiQlPage {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "style-src-elem 'self' 'unsafe-inline'; style-src-attr 'none'; img-src 'self'; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, MediaType> FILES = Map.of(
            "graphiql.js", MediaType.parseMediaType("text/javascript"),
            "graphiql.css", MediaType.parseMediaType("text/css"),
            "favicon.svg", MediaType.parseMediaType("image/svg+xml"));

    @Bean
    RouterFunction<ServerResponse> graphiQl() {
        Resource page = new ClassPathResource("graphiql/index.html");
        RouterFunctions.Builder routes = RouterFunctions.route()
                .GET("/graphiql", request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .cacheControl(CacheControl.noCache())
                        .body(page));
        FILES.forEach((file, type) -> routes.GET("/graphiql/" + file, request -> ServerResponse.ok()
                .contentType(type).body(new ClassPathResource("graphiql/" + file))));
        return routes.build();
    }
}

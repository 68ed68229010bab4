package dev.catalog.gateway.product;

import dev.catalog.graphql.execution.RecordFieldFetchers;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductView;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The fields of the views' types, bound to their records ({@link RecordFieldFetchers}). */
@Configuration(proxyBeanMethods = false)
public class ViewFields {

    @Bean
    RuntimeWiringConfigurer viewFieldsWiring() {
        return wiring -> {
            RecordFieldFetchers.wire(wiring, "Product", ProductView.class, Set.of("images"));
            RecordFieldFetchers.wire(wiring, "Image", ImageView.class, Set.of("url")); // ImageUrlField
            RecordFieldFetchers.wire(wiring, "ProductConnection", ProductConnection.class, Set.of());
            RecordFieldFetchers.wire(wiring, "ProductEdge", ProductConnection.Edge.class, Set.of());
            RecordFieldFetchers.wire(wiring, "PageInfo", ProductConnection.PageInfo.class, Set.of());
        };
    }
}

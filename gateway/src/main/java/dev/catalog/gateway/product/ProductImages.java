package dev.catalog.gateway.product;

import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductView;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * {@code Product.images}. Every query that selects a product's images reads them with the product, in the same
 * statement (a join; see {@code ProductQueries}), so this field only hands them out: no data loader, no query per
 * product. The one product that comes without them, the answer of {@code updateProduct}, gets them read on the
 * spot, one statement.
 */
@Configuration(proxyBeanMethods = false)
public class ProductImages {

    @Bean
    RuntimeWiringConfigurer productImagesWiring(ImageQueries images) {
        return wiring -> wiring.type("Product", type -> type.dataFetcher("images", new Fetcher(images)));
    }

    /**
     * Trivial (it hands out what the parent holds), so Spring leaves it undecorated; light, so the engine builds no
     * environment for it.
     */
    record Fetcher(ImageQueries images) implements LightDataFetcher<List<ImageView>> {
        @Override
        public List<ImageView> get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) {
            ProductView product = (ProductView) source;
            return product.images() != null ? product.images()
                    : images.findByProductIds(List.of(product.id())).get(product.id());
        }

        @Override
        public List<ImageView> get(DataFetchingEnvironment env) {
            return get(env.getFieldDefinition(), env.getSource(), () -> env);
        }
    }
}

package dev.catalog.gateway.image;

import dev.catalog.gateway.files.ImageVariants;
import dev.catalog.query.image.ImageView;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * {@code Image.url}: the stored address, or with {@code maxWidth}/{@code maxHeight} the address of a resized variant
 * of an uploaded image ({@link ImageVariants}). Only an address is computed here; the variant is made when it is
 * first fetched.
 */
@Configuration(proxyBeanMethods = false)
class ImageUrlField {

    @Bean
    RuntimeWiringConfigurer imageUrlWiring(ImageVariants variants) {
        return wiring -> wiring.type("Image", type -> type.dataFetcher("url", new Fetcher(variants)));
    }

    /**
     * As cheap as the record accessor when no bound is asked, which is every list of the read-heavy load. Light: it
     * reads its arguments from the environment it is handed, which a planned selection without arguments makes
     * cheaply ({@code LightObjectsStrategy}).
     */
    private record Fetcher(ImageVariants variants) implements LightDataFetcher<String> {
        @Override
        public String get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) {
            return get(env.get());
        }

        @Override
        public String get(DataFetchingEnvironment env) {
            ImageView image = env.getSource();
            Integer maxWidth = env.getArgument("maxWidth");
            Integer maxHeight = env.getArgument("maxHeight");
            if (maxWidth == null && maxHeight == null) {
                return image.url();
            }
            ImageVariants.Bounds bounds = ImageVariants.Bounds.asked(maxWidth, maxHeight);
            if (image.width() == null) {
                return image.url(); // given as a URL: its host serves it as it is
            }
            return variants.urlOf(image.url(), image.width(), image.height(), bounds);
        }
    }
}

package dev.catalog.gateway.federation;

import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * A federation subgraph the service serves: its name in the supergraph, its URL path, and the schema files it is
 * built from (the combined schema's shared root, the part it owns, its federation directives).
 */
public enum Subgraph {

    /** Products: every product field but {@code images}; product queries and mutations. */
    PRODUCTS("products", "graphql/products.graphqls"),
    /** Images: images, {@code Product.images}; image queries and mutations. */
    IMAGES("images", "graphql/images.graphqls");

    private final String subgraphName;
    private final String part;

    Subgraph(String subgraphName, String part) {
        this.subgraphName = subgraphName;
        this.part = part;
    }

    /** The name to give this subgraph in a supergraph, e.g. {@code products}. */
    public String subgraphName() {
        return subgraphName;
    }

    /** Where it is served, e.g. {@code /subgraphs/products/graphql}. */
    public String path() {
        return "/subgraphs/" + subgraphName + "/graphql";
    }

    List<Resource> schemaResources() {
        return List.of(new ClassPathResource("graphql/catalog.graphqls"), new ClassPathResource(part),
                new ClassPathResource("federation/" + subgraphName + ".graphqls"));
    }
}

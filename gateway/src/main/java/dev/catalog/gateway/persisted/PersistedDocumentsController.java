package dev.catalog.gateway.persisted;

import dev.catalog.gateway.cost.CatalogListCosts;
import dev.catalog.gateway.security.RequiresAdmin;
import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.graphql.persisted.PersistedManifest;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administrators' view of the persisted documents: list them, and load a manifest (Apollo's persisted query list
 * or Relay's map), whose documents every instance then serves by id, in trusted mode as in APQ mode.
 */
@Controller
class PersistedDocumentsController {

    private final JdbcDocumentStore store;
    private final JsonMapper json;

    PersistedDocumentsController(JdbcDocumentStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @QueryMapping
    @RequiresAdmin
    List<JdbcDocumentStore.Registered> persistedDocuments(@Argument String after, @Argument int first) {
        if (first < 1 || first > CatalogListCosts.MAX_PERSISTED_DOCUMENTS) {
            throw new BadUserInputException("first", "first is 1 to " + CatalogListCosts.MAX_PERSISTED_DOCUMENTS
                    + ", not " + first + ".");
        }
        return store.list(after, first);
    }

    /** Loaded whatever {@code catalog.persisted.max-documents} says: an administrator decides what to trust. */
    @MutationMapping
    @RequiresAdmin
    int loadPersistedManifest(@Argument String manifest) {
        Map<String, String> documents;
        try {
            documents = PersistedManifest.read(manifest, json);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("manifest", e.getMessage());
        }
        documents.forEach((id, document) -> store.add(id, document, Integer.MAX_VALUE));
        return documents.size();
    }
}

package dev.catalog.graphql.execution;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Optional;

/** Which operation of a document a request runs, by the rule of the GraphQL specification (GetOperation). */
public final class OperationSelection {

    private OperationSelection() {
    }

    /**
     * The operation named {@code operationName}, or the only one when the name is {@code null}; empty when there is
     * no such operation (execution then answers the error).
     */
    public static Optional<OperationDefinition> select(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            return operations.size() == 1 ? Optional.of(operations.getFirst()) : Optional.empty();
        }
        return operations.stream().filter(operation -> operationName.equals(operation.getName())).findFirst();
    }
}

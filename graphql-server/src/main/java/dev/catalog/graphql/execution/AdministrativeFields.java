package dev.catalog.graphql.execution;

/**
 * The API's administrative root fields, given by the API as a bean: an operation made of these only, sent by an
 * administrator, may run for as long as {@code catalog.graphql.admin-timeout} (an import or the verification of a
 * large store rightly takes minutes).
 */
@FunctionalInterface
public interface AdministrativeFields {

    boolean contains(String rootField);
}

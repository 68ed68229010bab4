/**
 * Files sent with a GraphQL request, as the GraphQL multipart request specification
 * (jaydenseric/graphql-multipart-request-spec) carries them: a {@code multipart/form-data} POST whose
 * {@code operations} part is the request, whose {@code map} part says which variables the files fill, and whose
 * other parts are the files. A file reaches the resolvers as the value of an {@code Upload} variable
 * ({@link FileUpload}). Names nothing of the catalog: what a file becomes is the resolver's business.
 */
package dev.catalog.graphql.upload;

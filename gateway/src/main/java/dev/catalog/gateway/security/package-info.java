/**
 * The catalog's scopes ({@code catalog:write}, {@code catalog:admin}) and the annotations that require them on its
 * controllers, checked by the GraphQL server's {@code RequiredScope}.
 */
package dev.catalog.gateway.security;

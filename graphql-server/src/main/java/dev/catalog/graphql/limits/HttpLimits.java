package dev.catalog.graphql.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP limits, bound from {@code catalog.http.*}.
 *
 * @param maxBodyBytes the largest request body accepted on the GraphQL endpoint ({@code CATALOG_HTTP_MAX_BODY_BYTES},
 *                     a byte count or a size such as {@code 64KB}); larger bodies are answered 413 unread
 */
@ConfigurationProperties("catalog.http")
public record HttpLimits(@DefaultValue("64KB") DataSize maxBodyBytes) {
}

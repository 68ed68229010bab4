/**
 * Axon Framework 4.13 on Spring Boot 4 over PostgreSQL: the infrastructure the command side and the
 * query side share (Spring-managed transactions, JDBC connections, the token store, serializer
 * settings). Registered as a Spring Boot auto-configuration; see {@link
 * dev.catalog.platform.AxonPostgresAutoConfiguration} for why Axon's own auto-configuration is not
 * enough.
 */
package dev.catalog.platform;

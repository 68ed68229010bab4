/**
 * The command side of the catalog: the Product and Image aggregates, their command handlers, the
 * set-based validation they need (unique product names, one url per product), id allocation and the
 * event-store configuration.
 *
 * <p>Packages are by feature: {@code product} and {@code image} hold the domain (aggregates, rules
 * and the ports they need, free of Spring and JPA), {@code infrastructure} holds the JDBC adapters of
 * those ports and the Spring/Axon configuration, which Spring Boot picks up as the auto-configuration
 * {@link dev.catalog.command.infrastructure.CommandSideAutoConfiguration}.
 */
package dev.catalog.command;

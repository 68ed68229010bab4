/**
 * Spring, JDBC and Axon wiring of the command side: the JDBC adapters of the domain ports (they run
 * on the Spring {@code DataSource} and join the current Spring transaction, the one in which Axon
 * appends the events; their writes, like the events, go with its commit, ADR 21), id allocation from
 * sequence blocks, the PostgreSQL event store and token store, and the product-image cascade's
 * processor. Everything is assembled by {@link dev.catalog.command.infrastructure.CommandSideAutoConfiguration}.
 */
package dev.catalog.command.infrastructure;

/**
 * The catalog's events on Kafka (ADR 17): an asynchronous event processor of its own, {@code kafka-publisher},
 * sends every domain event of the store to one topic as a CloudEvent in binary mode, keyed by its aggregate so
 * one entity's events stay in order on one partition. Its position in the store advances only with the
 * transaction that follows Kafka's acknowledgement of everything it sent, so nothing is skipped; a failure
 * (Kafka unreachable) fails the batch, which is retried later from the same position. Off unless
 * {@code catalog.kafka.bootstrap-servers} is set.
 */
package dev.catalog.kafka;

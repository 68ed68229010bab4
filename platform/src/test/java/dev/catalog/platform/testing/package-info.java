/**
 * Test support shipped in the platform's test-jar: one embedded PostgreSQL per test JVM, in which each test
 * class gets a database of its own, migrated with the event store schema and whichever module migrations it
 * names. Other modules' tests depend on it ({@code catalog-platform}, type {@code test-jar}).
 */
package dev.catalog.platform.testing;

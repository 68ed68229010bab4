/**
 * The catalog's PostgreSQL: the embedded server of the one-process deployment (durable, password-protected,
 * ADR 10) or an external one, reached through one connection pool per kind of work, each statement under a
 * timeout (ADR 11). A transaction's writes can wait for its commit and go with it in one round trip
 * ({@link dev.catalog.platform.database.PendingWrites}, ADR 21); transactions of the writes pool that sent nothing
 * before their commit commit together when they commit at the same time ({@code GroupCommit}, ADR 22). Registered as the auto-configuration {@link dev.catalog.platform.database.DatabaseAutoConfiguration}.
 */
package dev.catalog.platform.database;

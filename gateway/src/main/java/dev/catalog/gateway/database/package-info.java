/** The embedded PostgreSQL of the default, single-process deployment. */
package dev.catalog.gateway.database;

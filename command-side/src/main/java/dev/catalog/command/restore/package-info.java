/**
 * Restoring the event store from an export ({@link dev.catalog.command.restore.EventImport}): the command side owns
 * the store and the registries rebuilt with it.
 */
package dev.catalog.command.restore;

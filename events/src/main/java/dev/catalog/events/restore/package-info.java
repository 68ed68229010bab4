/**
 * Commands that restore the event store from an export (catalog-admin events import): events are staged in
 * pages, checked as they come, then imported together in one transaction.
 */
package dev.catalog.events.restore;

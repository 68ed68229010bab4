/**
 * How the catalog's asynchronous event processors run: on processing threads and connections, never
 * skipping an event, parking failures in a dead-letter queue ({@link dev.catalog.platform.processing.AsynchronousProcessors}).
 */
package dev.catalog.platform.processing;

/**
 * Read-your-writes: a mutation waits, bounded, until the read views include its write, and reports
 * under {@code extensions.consistency} when they did not in time. See docs/adr/0005.
 */
package dev.catalog.gateway.consistency;

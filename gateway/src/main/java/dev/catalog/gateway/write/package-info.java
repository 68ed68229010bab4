/** How mutations write: commands, whose views are current when they return (ADR 15). */
package dev.catalog.gateway.write;

/** Types shared by the product and image contracts. */
package dev.catalog.events.common;

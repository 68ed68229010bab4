/** Commands and events of the Product aggregate. */
package dev.catalog.events.product;

/** Commands and events of the Image aggregate. */
package dev.catalog.events.image;

/** The GraphQL face of images: queries over the image view, mutations as commands. */
package dev.catalog.gateway.image;

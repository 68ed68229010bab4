package dev.catalog.gateway.files;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address clients reach this service at, for the URLs it hands out (stored files, upload URLs): the configured
 * {@code CATALOG_FILES_BASE_URL}, else the address the current request came to.
 */
final class PublicAddress {

    private final String configured;

    /** @param configured without a trailing slash; null for the address of each request */
    PublicAddress(String configured) {
        this.configured = configured;
    }

    String base() {
        return configured != null ? configured : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}

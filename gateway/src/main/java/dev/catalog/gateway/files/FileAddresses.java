package dev.catalog.gateway.files;

/**
 * The addresses of stored files, which become the uploaded images' {@code url}: the bucket's public address when the
 * S3 store has one, else this service's {@code /files/}.
 */
final class FileAddresses {

    private final PublicAddress service;
    private final String publicBase;

    /** @param publicBase the bucket's public address with its prefix, ending in {@code /}; null: the service serves */
    FileAddresses(PublicAddress service, String publicBase) {
        this.service = service;
        this.publicBase = publicBase;
    }

    String of(String key) {
        return publicBase != null ? publicBase + key : service.base() + StoredFiles.PATH + key;
    }

    /** This service's address, where the variants are made and served and the staged uploads are sent. */
    String service() {
        return service.base();
    }
}

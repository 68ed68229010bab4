package dev.catalog.admin;

/** Why a command could not be done, in one line for the operator. */
final class AdminException extends RuntimeException {

    AdminException(String message) {
        super(message, null, false, false);
    }
}

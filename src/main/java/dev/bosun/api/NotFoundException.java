package dev.bosun.api;

/** The requested resource does not exist. */
class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}

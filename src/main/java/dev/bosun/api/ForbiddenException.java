package dev.bosun.api;

/** The request is understood but not allowed (a message the talks_to rule refuses). */
class ForbiddenException extends RuntimeException {
    ForbiddenException(String message) {
        super(message);
    }
}

package dev.bosun.api;

/** The request is well-formed but the state of a task or member forbids it: a 409. */
class ConflictException extends RuntimeException {

    ConflictException(String message) {
        super(message);
    }
}

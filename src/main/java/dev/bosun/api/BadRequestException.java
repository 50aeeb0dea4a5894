package dev.bosun.api;

/** A client error; {@code field} is the JSON field at fault, or null when it is the whole request. */
class BadRequestException extends RuntimeException {

    private final String field;

    BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}

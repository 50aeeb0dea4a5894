package dev.bosun.api;

import org.jspecify.annotations.Nullable;

/** A client error; {@code field} is the JSON field at fault, or null when it is the whole request. */
class BadRequestException extends RuntimeException {

    private final @Nullable String field;

    BadRequestException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    @Nullable
    String field() {
        return field;
    }
}

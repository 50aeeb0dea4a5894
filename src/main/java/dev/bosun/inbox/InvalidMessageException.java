package dev.bosun.inbox;

/** A message that cannot be sent as given; {@code field} is {@code from}, {@code to} or {@code body}. */
public final class InvalidMessageException extends RuntimeException {

    private final String field;

    InvalidMessageException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

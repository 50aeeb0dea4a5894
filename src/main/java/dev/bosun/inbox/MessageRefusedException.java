package dev.bosun.inbox;

/** The sender may not message the recipient (talks_to); its message says who, whom and why. */
public final class MessageRefusedException extends RuntimeException {

    MessageRefusedException(String message) {
        super(message);
    }
}

package dev.bosun.inbox;

/** An inbox was asked for by a name that is no member of the team. */
public final class UnknownMemberException extends RuntimeException {

    UnknownMemberException(String message) {
        super(message);
    }
}

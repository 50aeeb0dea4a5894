package dev.bosun.cli;

/** A user-facing failure: its message is printed as the one-line error, without a stack trace. */
class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}

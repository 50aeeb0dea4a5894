package dev.bosun.workspace;

/** A git command or repository operation failed; the message carries the command and git's output. */
public class GitException extends RuntimeException {

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}

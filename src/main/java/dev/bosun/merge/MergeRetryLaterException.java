package dev.bosun.merge;

/**
 * A queued merge was not decided in its round (the batch runner was stopped, or failed for a
 * reason that is not this task's): nothing of it was merged or changed, and the step may simply
 * run again later.
 */
public class MergeRetryLaterException extends RuntimeException {
    public MergeRetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}

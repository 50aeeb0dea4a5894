package dev.bosun.merge;

import java.time.Duration;

/** The merge lock stayed taken for longer than the configured wait. */
public class MergeLockTimeoutException extends RuntimeException {
    public MergeLockTimeoutException(String holder, Duration waited, String currentHolder) {
        super("merge lock not acquired by " + holder + " within " + waited
                + (currentHolder == null ? "" : "; held by " + currentHolder));
    }
}

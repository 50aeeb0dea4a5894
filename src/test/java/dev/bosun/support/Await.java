package dev.bosun.support;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds; on timeout fails with a description of the last state seen.
 * The timeout a caller passes is a base limit, scaled here by {@link TestTimeouts}, so every wait
 * through this class follows {@code bosun.test.timeout-scale}.
 */
public final class Await {

    private Await() {}

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        Duration limit = TestTimeouts.scaled(timeout);
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + limit + " (" + timeout + " × " + TestTimeouts.PROPERTY + " "
                + TestTimeouts.scale() + ") waiting for " + what + "; last seen: " + last);
    }
}

package dev.bosun.runtime;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tries an action up to a number of times, waiting between attempts, for failures that are known
 * to pass (a concurrent update, a lock file of another git command). Thread-safe and stateless
 * between calls. A wait that is interrupted ends the attempts (the interrupt stays set).
 */
public final class Attempts {

    /** How to wait between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final int max;
    private final Duration wait;
    private final boolean growing;
    private final Sleeper sleeper;

    private Attempts(int max, Duration wait, boolean growing, Sleeper sleeper) {
        if (max < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got: " + max);
        }
        this.max = max;
        this.wait = wait;
        this.growing = growing;
        this.sleeper = sleeper;
    }

    /** {@code max} attempts with the same {@code wait} before each retry. */
    public static Attempts fixed(int max, Duration wait, Sleeper sleeper) {
        return new Attempts(max, wait, false, sleeper);
    }

    /** {@code max} attempts; the wait before attempt n+1 is n times {@code step}. */
    public static Attempts growing(int max, Duration step, Sleeper sleeper) {
        return new Attempts(max, step, true, sleeper);
    }

    /**
     * @return the first result {@code again} does not want tried again, or the last attempt's
     */
    public <T> T until(Supplier<T> attempt, Predicate<T> again) {
        T result = attempt.get();
        for (int done = 1; done < max && again.test(result); done++) {
            if (!pause(done)) {
                return result;
            }
            result = attempt.get();
        }
        return result;
    }

    /**
     * Runs {@code action} again when it throws {@code passing}; any other exception, or the last
     * attempt's, is thrown.
     */
    public void retrying(Class<? extends RuntimeException> passing, Runnable action) {
        for (int done = 1; ; done++) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (!passing.isInstance(e) || done == max || !pause(done)) {
                    throw e;
                }
            }
        }
    }

    /** @return false when interrupted */
    private boolean pause(int done) {
        try {
            sleeper.sleep(growing ? wait.multipliedBy(done) : wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

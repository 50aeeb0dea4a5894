package dev.bosun.support;

import java.time.Duration;

/**
 * The one place the test tree reads how patient to be: every limit a test waits for (a condition,
 * a latch, a future, a process) is a base value scaled by {@code bosun.test.timeout-scale}
 * (system property, passed through by surefire and failsafe: {@code ./mvnw verify
 * -Dbosun.test.timeout-scale=3}) or, when that is not set, the environment variable
 * {@code BOSUN_TEST_TIMEOUT_SCALE}; default 1.
 *
 * <p>The default is 1 because the base values are already chosen for a busy 2-core machine (the
 * suite is run under full CPU load before a release); a limit only costs time when a test fails,
 * so the setting is for slower machines still (emulated CPUs, shared CI runners, a debugger).
 * Scale only limits on waiting, never a duration that is the behaviour under test (a configured
 * stall_timeout, a lease whose expiry is asserted): those stay fixed, with margins wide enough
 * that load cannot flip the outcome.
 *
 * <p>Stateless: the setting is read on each call, so nothing here is mutable.
 */
public final class TestTimeouts {

    public static final String PROPERTY = "bosun.test.timeout-scale";
    public static final String ENVIRONMENT = "BOSUN_TEST_TIMEOUT_SCALE";

    private TestTimeouts() {}

    /** The factor, at least 1; a value that is not a number of at least 1 fails naming the setting. */
    public static double scale() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(PROPERTY, property);
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return parse(ENVIRONMENT, environment);
        }
        return 1;
    }

    /** {@code limit} times the scale: how long a test may wait for something that takes {@code limit} on a busy machine. */
    public static Duration scaled(Duration limit) {
        return Duration.ofMillis(Math.round(limit.toMillis() * scale()));
    }

    /** {@link #scaled(Duration)} of {@code seconds} seconds, in milliseconds: for {@code await(ms, MILLISECONDS)} and the like. */
    public static long scaledMillis(long seconds) {
        return scaled(Duration.ofSeconds(seconds)).toMillis();
    }

    static double parse(String name, String value) {
        double factor;
        try {
            factor = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a number such as 1 or 2.5, got '" + value + "'", e);
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalStateException(
                    name + " must be at least 1 (a factor on how long tests wait), got '" + value + "'");
        }
        return factor;
    }
}

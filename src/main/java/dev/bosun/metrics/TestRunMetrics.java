package dev.bosun.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import dev.bosun.workspace.TestResult;
import dev.bosun.workspace.TestRunListener;

/**
 * {@code bosun_test_runs_seconds{result}}: every run of the test command at a commit (the test gate
 * and the merge's re-test after a rebase), a histogram of its wall-clock time by how it ended.
 */
@Component
class TestRunMetrics implements TestRunListener {

    private final MeterRegistry registry;

    TestRunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void testRunFinished(TestResult result) {
        Timer.builder("bosun.test.runs")
                .description("Test runs at a commit in Bosun's checkout, by result")
                .tag("result", result(result))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(result.duration());
    }

    /** green, red, timed_out or command_missing. */
    static String result(TestResult result) {
        if (result.commandMissing()) {
            return "command_missing";
        }
        if (result.timedOut()) {
            return "timed_out";
        }
        return result.green() ? "green" : "red";
    }
}

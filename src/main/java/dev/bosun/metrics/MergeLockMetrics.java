package dev.bosun.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.bosun.merge.MergeObserver;
import dev.bosun.merge.MergeOutcome;

/**
 * {@code bosun_merge_lock_wait_seconds{acquired}}: how long each merge waited for the merge lock
 * (acquired false: it gave up at {@code bosun.merge-lock-timeout} and will try again), and
 * {@code bosun_merge_lock_hold_seconds{outcome}}: how long it held it, by what the merge did.
 * Per node: another node's merges wait and hold on its own metrics.
 */
@Component
class MergeLockMetrics implements MergeObserver {

    private final MeterRegistry registry;
    /** When each holder (unique per acquisition) started holding the lock. */
    private final Map<String, Long> heldSince = new ConcurrentHashMap<>();

    MergeLockMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void lockWaited(String taskId, Duration waited, boolean acquired) {
        Timer.builder("bosun.merge.lock.wait")
                .description("How long merges waited for the merge lock; acquired=false: gave up and retries later")
                .tag("acquired", String.valueOf(acquired))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(waited);
    }

    @Override
    public void mergeStarted(String taskId, String holder) {
        heldSince.put(holder, System.nanoTime());
    }

    @Override
    public void mergeFinished(String taskId, String holder, @Nullable MergeOutcome outcome) {
        Long since = heldSince.remove(holder);
        if (since == null) {
            return;
        }
        Timer.builder("bosun.merge.lock.hold")
                .description("How long a merge held the merge lock (rebase, re-test, merge commit), by outcome")
                .tag("outcome", outcome(outcome))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - since));
    }

    /** merged, already_on_trunk, conflict, tests_red, protected_paths; error when the merge threw. */
    static String outcome(@Nullable MergeOutcome outcome) {
        if (outcome instanceof MergeOutcome.Merged) {
            return "merged";
        }
        if (outcome instanceof MergeOutcome.AlreadyOnTrunk) {
            return "already_on_trunk";
        }
        if (outcome instanceof MergeOutcome.Conflict) {
            return "conflict";
        }
        if (outcome instanceof MergeOutcome.TestsRed) {
            return "tests_red";
        }
        if (outcome instanceof MergeOutcome.ProtectedPathsTouched) {
            return "protected_paths";
        }
        return "error";
    }
}

package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With no wake-up at all ({@code bosun.wake-ups=false}, as for a task another node created) the
 * poll loops alone still carry a task from its claim to its merge.
 */
@SpringBootTest(
        properties = {
            "bosun.engineers=1",
            "bosun.wake-ups=false",
            "bosun.worker.poll-interval=100ms",
            "bosun.test-timeout=60s",
            "bosun.worker.lock-duration=15s"
        })
class PollingFallbackLifecycleTest extends LifecycleTestSupport {

    @Test
    void pollingAloneStillMergesATask() {
        String id = start("Polled", script("write polled.txt <<EOF", "polled", "EOF", "commit add polled"));

        awaitStatus(id, "merged");

        assertThat(repository.git("show", "main:polled.txt")).isEqualTo("polled");
    }
}

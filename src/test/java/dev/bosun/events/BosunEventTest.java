package dev.bosun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BosunEventTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void withersReturnNewRecordsAndLeaveTheOriginalAlone() {
        BosunEvent created = BosunEvent.of("task.created", "T-1", clock);
        BosunEvent claimed = created.member("eng-1-1")
                .from("ready")
                .to("coding")
                .reason("idle")
                .detail("attempt", 1);

        assertThat(created.member()).isNull();
        assertThat(created.details()).isEmpty();
        assertThat(claimed.ts()).isEqualTo(Instant.parse("2026-11-29T10:00:00.123Z"));
        assertThat(claimed)
                .extracting(
                        BosunEvent::event,
                        BosunEvent::task,
                        BosunEvent::member,
                        BosunEvent::from,
                        BosunEvent::to,
                        BosunEvent::reason)
                .containsExactly("task.created", "T-1", "eng-1-1", "ready", "coding", "idle");
        assertThat(claimed.details()).containsExactly(Map.entry("attempt", 1));
    }

    @Test
    void detailsKeepInsertionOrderAndANullValueRemovesAKey() {
        BosunEvent event = BosunEvent.of("tests.red", "T-1", clock)
                .detail("attempt", 2)
                .detail("exitCode", 1)
                .detail("commit", "abc123")
                .detail("exitCode", null);

        assertThat(event.details()).containsExactly(Map.entry("attempt", 2), Map.entry("commit", "abc123"));
        assertThatThrownBy(() -> event.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDetailMayNotShadowAFixedField() {
        BosunEvent event = BosunEvent.of("task.created", "T-1", clock);

        assertThatThrownBy(() -> event.detail("task", "T-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event.detail(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BosunEvent(clock.instant(), "e", null, null, null, null, null, Map.of("ts", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCanonicalConstructorCopiesDetailsAndToleratesNull() {
        Map<String, Object> details = new HashMap<>();
        details.put("attempt", 1);
        details.put("dropped", null);
        BosunEvent event = new BosunEvent(clock.instant(), "e", null, null, null, null, null, details);
        details.put("later", 2);

        assertThat(event.details()).containsOnlyKeys("attempt");
        assertThat(new BosunEvent(clock.instant(), "e", null, null, null, null, null, null).details())
                .isEmpty();
    }

    @Test
    void ofStampsTheCurrentTime() {
        Instant before = Instant.now();
        BosunEvent event = BosunEvent.of("plan.started", null);

        assertThat(event.ts()).isBetween(before, Instant.now());
        assertThat(event.task()).isNull();
    }
}

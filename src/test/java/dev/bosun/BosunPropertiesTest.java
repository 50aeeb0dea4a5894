package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Bad settings stop start-up with a message that names the property and the value. */
class BosunPropertiesTest {

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> properties(List.of(), 1, 2, Duration.ofMinutes(1)))
                .hasMessageContaining("bosun.test-command");
        assertThatThrownBy(() -> properties(List.of("sh", "test.sh"), 0, 2, Duration.ofMinutes(1)))
                .hasMessageContaining("bosun.engineers")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> properties(List.of("sh", "test.sh"), 1, -1, Duration.ofMinutes(1)))
                .hasMessageContaining("bosun.max-retries");
        assertThatThrownBy(() -> properties(List.of("sh", "test.sh"), 1, 2, Duration.ZERO))
                .hasMessageContaining("bosun.turn-timeout");
    }

    @Test
    void theRepositoryBecomesAbsoluteAndTheRuntimeFoldersLiveUnderIt() {
        BosunProperties properties = properties(List.of("sh", "test.sh"), 1, 2, Duration.ofMinutes(1));
        assertThat(properties.repository()).isAbsolute();
        assertThat(properties.worktreesDir()).isEqualTo(properties.repository().resolve(".bosun/worktrees"));
        assertThat(properties.logsDir()).isEqualTo(properties.repository().resolve(".bosun/logs"));
    }

    @Test
    void theEventLogAndDemoSettingsBindFromTheirKeysWithTheDefaultsTheyHadAsLooseKeys() {
        BosunProperties defaults = bind(Map.of());
        assertThat(defaults.events().rotateAtBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(defaults.demo().enabled()).isFalse();

        BosunProperties set = bind(Map.of("bosun.events.rotate-at-bytes", "4096", "bosun.demo.enabled", "true"));
        assertThat(set.events().rotateAtBytes()).isEqualTo(4096);
        assertThat(set.demo().enabled()).isTrue();
    }

    @Test
    void theLogRotationBindsFromItsKeyAndRefusesANegativeSize() {
        assertThat(bind(Map.of()).logs().rotateAtBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(bind(Map.of("bosun.logs.rotate-at-bytes", "0")).logs().rotateAtBytes())
                .isZero();
        assertThatThrownBy(() -> new BosunProperties.Logs(-1))
                .hasMessageContaining("bosun.logs.rotate-at-bytes")
                .hasMessageContaining("-1");
    }

    @Test
    void theStopGraceBindsFromItsKeyDefaultsToAMinuteAndRefusesANegativeDuration() {
        assertThat(bind(Map.of()).stop().turnGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bind(Map.of("bosun.stop.turn-grace", "0")).stop().turnGrace())
                .isZero();
        assertThat(bind(Map.of("bosun.stop.turn-grace", "5m")).stop().turnGrace())
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new BosunProperties.Stop(Duration.ofSeconds(-1)))
                .hasMessageContaining("bosun.stop.turn-grace")
                .hasMessageContaining("PT-1S");
    }

    private static BosunProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("bosun", BosunProperties.class);
    }

    private static BosunProperties properties(
            List<String> testCommand, int engineers, int maxRetries, Duration turnTimeout) {
        return new BosunProperties(
                Path.of("repo"),
                "main",
                testCommand,
                Duration.ofMinutes(1),
                engineers,
                maxRetries,
                turnTimeout,
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                Path.of("processes"),
                new BosunProperties.Agent("script", null, 2),
                new BosunProperties.Worker(true, Duration.ofMillis(300), Duration.ofSeconds(30)),
                List.of(),
                BosunProperties.Retry.defaults(),
                new BosunProperties.Events(10_485_760),
                new BosunProperties.Demo(false),
                new BosunProperties.Plan(false, 2, 2),
                new BosunProperties.Logs(10_485_760),
                new BosunProperties.Stop(Duration.ofSeconds(60)));
    }
}

package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code bosun.retry}: the defaults are the numbers the code had, and a bad value names itself. */
class RetryPolicyTest {

    @Test
    void theDefaultsAreTheNumbersBosunAlwaysUsed() {
        BosunProperties.Retry retry = BosunProperties.Retry.defaults();

        assertThat(retry)
                .isEqualTo(new BosunProperties.Retry(
                        10, 3, 10, 10, Duration.ofMillis(100), 5, Duration.ofSeconds(30), 6, Duration.ofMillis(100)));
    }

    @Test
    void eachNumberCanBeSetAndTheOthersKeepTheirDefaults() {
        BosunProperties.Retry retry = bind(Map.of("bosun.retry.report-wait", "5ms", "bosun.retry.git-attempts", "2"));

        assertThat(retry.reportWait()).isEqualTo(Duration.ofMillis(5));
        assertThat(retry.gitAttempts()).isEqualTo(2);
        assertThat(retry.reportAttempts()).isEqualTo(10);
    }

    @Test
    void aValueThatWouldNeverTryOrNeverWaitIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("bosun.retry.git-attempts", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("bosun.retry.git-attempts")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> bind(Map.of("bosun.retry.failed-turn-wait", "-1s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("bosun.retry.failed-turn-wait")
                .hasMessageContaining("-1");
    }

    private static BosunProperties.Retry bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bosun.retry", BosunProperties.Retry.class);
    }
}

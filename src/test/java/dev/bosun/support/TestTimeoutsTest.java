package dev.bosun.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The scale setting: a factor of at least 1, and a clear error naming the setting otherwise. */
class TestTimeoutsTest {

    @Test
    void aFactorOfAtLeastOneIsRead() {
        assertThat(TestTimeouts.parse(TestTimeouts.PROPERTY, " 2.5 ")).isEqualTo(2.5);
        assertThat(TestTimeouts.parse(TestTimeouts.PROPERTY, "1")).isEqualTo(1);
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"0.5", "0", "-2", "NaN", "Infinity", "three"}) {
            assertThatThrownBy(() -> TestTimeouts.parse(TestTimeouts.ENVIRONMENT, bad))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(TestTimeouts.ENVIRONMENT)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void theScaleNeverShortensALimit() {
        assertThat(TestTimeouts.scaled(java.time.Duration.ofSeconds(30)))
                .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(30));
    }
}

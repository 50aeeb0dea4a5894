package dev.bosun.health;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.process.EngineCheck;

/**
 * Bosun's components of {@code /actuator/health}, named by their bean names ({@code engine},
 * {@code git}); {@code db} and {@code diskSpace} are Boot's own (application.yaml points the disk
 * check at the repository's folder).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    EngineHealth engineHealthIndicator(EngineCheck engine) {
        return new EngineHealth(engine);
    }

    @Bean
    GitHealth gitHealthIndicator(BosunProperties properties) {
        return new GitHealth(properties.repository(), properties.trunk());
    }
}

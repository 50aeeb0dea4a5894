package dev.bosun.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo's beans, only with {@code bosun.demo.enabled=true} (the {@code demo} profile). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bosun.demo.enabled", havingValue = "true")
class DemoConfiguration {

    /** Static: a post-processor must exist before the configuration class is instantiated. */
    @Bean
    static DemoTeam demoTeam() {
        return new DemoTeam();
    }
}

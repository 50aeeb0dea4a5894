package dev.bosun.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link RequestGuard} in front of every servlet, before Camunda's webapp filters. A plain
 * filter rather than Spring Security, whose defaults would fight the webapps' own login.
 */
@Configuration
class GuardConfiguration {

    @Bean
    FilterRegistrationBean<RequestGuard> requestGuard(
            Credentials credentials, EngineAdmin engineAdmin, SecuritySettings settings) {
        FilterRegistrationBean<RequestGuard> registration =
                new FilterRegistrationBean<>(new RequestGuard(credentials, engineAdmin, settings));
        registration.addUrlPatterns("/*");
        registration.setName("bosunRequestGuard");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}

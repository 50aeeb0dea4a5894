package dev.bosun.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link ApiErrorResponses} around everything under {@code /api}, the request guard included. */
@Configuration
class ApiErrorConfiguration {

    @Bean
    FilterRegistrationBean<ApiErrorResponses> apiErrorResponses(ObjectMapper json) {
        FilterRegistrationBean<ApiErrorResponses> registration =
                new FilterRegistrationBean<>(new ApiErrorResponses(json));
        registration.addUrlPatterns("/api/*");
        registration.setName("bosunApiErrors");
        // before the request guard (HIGHEST_PRECEDENCE + 10): its 401 and 403 are already JSON
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}

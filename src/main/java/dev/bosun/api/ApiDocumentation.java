package dev.bosun.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api} that springdoc generates from the controllers
 * ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}; application.yaml limits it to
 * {@code /api/**}). Every operation asks for the Bearer token, so Swagger UI's "Authorize" takes
 * the API token once and "Try it out" sends it, from the server's own origin.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI bosunOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Bosun API")
                        .version("v1")
                        .description("Tasks, plans, members, messages and status of a Bosun server. Every request"
                                + " needs Authorization: Bearer <token>: the API token in"
                                + " .bosun/secrets/api-token, or an agent's BOSUN_TOKEN (agents may do less)."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The API token from .bosun/secrets/api-token")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}

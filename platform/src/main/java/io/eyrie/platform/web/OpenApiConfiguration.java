package io.eyrie.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each service documents its API at /v3/api-docs (and /swagger-ui.html), with the bearer token it requires. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static final String BEARER = "bearer";

    @Bean
    public OpenAPI eyrieOpenApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title("Eyrie " + service).version("0.1")
                        .description("Every /api call needs Authorization: Bearer <JWT>. Errors are problem+json "
                                + "(https://eyrie.dev/problems/<code>). See the README for who may call what."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}

package io.eyrie.platform.security;

import com.nimbusds.jose.jwk.RSAKey;
import io.eyrie.platform.web.ProblemResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@code /api/**} request carries a bearer JWT, verified against the configured OIDC issuer or, in the local
 * run, the development public key. Health and the OpenAPI documents are open. Failures are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    @Bean
    public SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        ServerAuthenticationEntryPoint unauthorized = SecurityConfiguration::unauthorized;
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPEN).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> {
                        })
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((exchange, denied) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN,
                                "forbidden", "Forbidden", denied.getMessage())))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                .build();
    }

    /** Requests the firewall refuses (an encoded slash in a path, say) get a problem too, not an empty 400. */
    @Bean
    public ServerExchangeRejectedHandler rejectedRequests() {
        return (exchange, rejected) -> ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                "The request was refused: " + rejected.getMessage(),
                Map.of("errors", List.of(Map.of("field", "path", "message", String.valueOf(rejected.getMessage())))));
    }

    /** RFC 6750: the challenge names the error for clients; the body says it again for people. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException failure) {
        String challenge = "Bearer";
        String detail = "A bearer token is required (Authorization: Bearer <JWT>)";
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription() == null ? failure.getMessage()
                    : oauth.getError().getDescription();
            challenge = "Bearer error=\"" + oauth.getError().getErrorCode() + "\", error_description=\""
                    + description.replace("\\", "\\\\").replace("\"", "'") + "\"";
            detail = "The bearer token was refused: " + description;
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    @Bean
    public ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
        boolean issuer = properties.issuerUri() != null && !properties.issuerUri().isBlank();
        boolean devKey = properties.devPublicKey() != null;
        if (issuer == devKey) {
            throw new IllegalStateException("Set exactly one of eyrie.security.issuer-uri (an OIDC issuer) and "
                    + "eyrie.security.dev-public-key (the local run's development key)");
        }
        NimbusReactiveJwtDecoder decoder;
        OAuth2TokenValidator<Jwt> validator;
        if (issuer) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
            validator = JwtValidators.createDefaultWithIssuer(properties.issuerUri());
        } else {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(properties)).build();
            validator = JwtValidators.createDefaultWithIssuer(DevKeys.ISSUER);
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(validator,
                SecurityConfiguration::validSubject));
        if (properties.audience() != null && !properties.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(properties.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    @Bean
    public Callers callers(SecurityProperties properties) {
        return new Callers(properties);
    }

    @Bean
    public WebFluxConfigurer callerArguments(Callers callers) {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver(callers));
            }
        };
    }

    /** The subject becomes the initiator of commands and events, so it must be a safe user name. */
    private static OAuth2TokenValidatorResult validSubject(Jwt token) {
        return Caller.isValidUser(token.getSubject()) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                "the token's subject " + Caller.USER_MESSAGE, null));
    }

    private static java.security.interfaces.RSAPublicKey readPublicKey(SecurityProperties properties) {
        try {
            return RSAKey.parse(Files.readString(properties.devPublicKey())).toRSAPublicKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read eyrie.security.dev-public-key " + properties.devPublicKey(), e);
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("eyrie.security.dev-public-key " + properties.devPublicKey()
                    + " is not an RSA public JWK", e);
        }
    }
}

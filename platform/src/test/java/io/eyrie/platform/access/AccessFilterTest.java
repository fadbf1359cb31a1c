package io.eyrie.platform.access;

import io.eyrie.api.project.Role;
import io.eyrie.platform.security.Callers;
import io.eyrie.platform.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AccessFilterTest {
    private static final String DEPLOYMENT = "3f2a1c9e-0b7d-4e55-9a43-1d2c3b4a5f60";
    private static final EndpointTable TABLE = new EndpointTable("test", List.of(
            Endpoint.get("/api/deployments/{id}", Target.DEPLOYMENT, Need.USER, "read it"),
            Endpoint.post("/api/deployments/{id}/actions/{action}", Target.DEPLOYMENT, Need.ROLE_TO_ACT, "act")));
    private static final Callers CALLERS = new Callers(new SecurityProperties(null, null, "groups", "admins", null));

    private final AtomicBoolean reached = new AtomicBoolean();
    private final WebFilterChain chain = exchange -> {
        reached.set(true);
        return Mono.empty();
    };

    private MockServerWebExchange run(AccessDirectory directory, MockServerHttpRequest request) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject("bob").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).build();
        MockServerWebExchange exchange = MockServerWebExchange.builder(request)
                .principal(new JwtAuthenticationToken(jwt)).build();
        new AccessFilter(TABLE, directory, CALLERS).filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void aMemberWithTheRoleReachesTheController() {
        var exchange = run((target, variables, user) -> Optional.of(new Access("acme", Role.USER, false, Role.DEVELOPER)),
                MockServerHttpRequest.get("/api/deployments/" + DEPLOYMENT).build());
        assertThat(reached).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void aRoleTooLowIsForbiddenAndNothingRuns() {
        var exchange = run((target, variables, user) -> Optional.of(new Access("acme", Role.USER, false, Role.DEVELOPER)),
                MockServerHttpRequest.post("/api/deployments/" + DEPLOYMENT + "/actions/deploy").build());
        assertThat(reached).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("https://eyrie.dev/problems/forbidden");
    }

    @Test
    void whatTheCallerCannotSeeIsNotFound() {
        var exchange = run((target, variables, user) -> Optional.of(new Access("acme", null, false, Role.DEVELOPER)),
                MockServerHttpRequest.get("/api/deployments/" + DEPLOYMENT).build());
        assertThat(reached).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRouteWithoutARowCannotBeReached() {
        var exchange = run((target, variables, user) -> Optional.empty(),
                MockServerHttpRequest.delete("/api/deployments/" + DEPLOYMENT).build());
        assertThat(reached).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aMalformedPathVariableIsBadInputNamingIt() {
        var exchange = run((target, variables, user) -> Optional.empty(),
                MockServerHttpRequest.get("/api/deployments/not-a-uuid").build());
        assertThat(reached).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"field\":\"id\"");
    }

    @Test
    void aFailedLookupIsUnavailableAndNothingRuns() {
        var exchange = run((target, variables, user) -> {
            throw new IllegalStateException("database unreachable");
        }, MockServerHttpRequest.get("/api/deployments/" + DEPLOYMENT).build());
        assertThat(reached).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("https://eyrie.dev/problems/unavailable");
    }
}

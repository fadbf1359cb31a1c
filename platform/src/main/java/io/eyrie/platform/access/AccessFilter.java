package io.eyrie.platform.access;

import io.eyrie.platform.security.Caller;
import io.eyrie.platform.security.Callers;
import io.eyrie.platform.web.ProblemResponses;
import io.eyrie.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Optional;

/**
 * Authorizes every {@code /api} request against the service's {@link EndpointTable} before a controller runs, so no
 * endpoint can forget to: 400 for a malformed path, 404 for what the caller cannot see, 403 for a role too low.
 * Runs after Spring Security has authenticated the caller.
 */
public final class AccessFilter implements WebFilter, Ordered {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccessFilter.class);
    private final EndpointTable table;
    private final AccessDirectory directory;
    private final Callers callers;

    public AccessFilter(EndpointTable table, AccessDirectory directory, Callers callers) {
        this.table = table;
        this.directory = directory;
        this.callers = callers;
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!path.value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        Optional<EndpointTable.Match> match = table.match(exchange.getRequest().getMethod(), path);
        if (match.isEmpty()) {
            return ProblemResponses.write(exchange, HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "No such endpoint: " + exchange.getRequest().getMethod() + " " + path.value());
        }
        Endpoint endpoint = match.get().endpoint();
        var variables = match.get().variables();
        List<Problems.FieldError> malformed = PathVariables.check(variables);
        if (!malformed.isEmpty()) {
            return ProblemResponses.invalidInput(exchange, "Invalid value for: "
                    + String.join(", ", malformed.stream().map(Problems.FieldError::field).toList()), malformed);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(token -> callers.from(token.getToken()))
                .flatMap(caller -> decide(endpoint, caller, match.get()))
                .flatMap(decision -> switch (decision) {
                    case AccessPolicy.Decision.Allowed allowed -> chain.filter(exchange);
                    case AccessPolicy.Decision.Forbidden forbidden -> ProblemResponses.write(exchange,
                            HttpStatus.FORBIDDEN, "forbidden", "Forbidden", forbidden.detail());
                    case AccessPolicy.Decision.NotFound notFound -> ProblemResponses.write(exchange,
                            HttpStatus.NOT_FOUND, "not-found", "Not found", notFound.detail());
                })
                .onErrorResume(LookupFailedException.class, failed -> {
                    // Nothing was done; the caller may retry once the store answers again.
                    log.error("Could not authorize {} {}: the access lookup failed", exchange.getRequest().getMethod(),
                            path.value(), failed.getCause());
                    return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                            "Service unavailable", "Who may do this could not be looked up just now; nothing was done. "
                                    + "Try again shortly.");
                });
    }

    /** Only a failed lookup is answered with 503; failures downstream of the filter are not this filter's. */
    private static final class LookupFailedException extends RuntimeException {
        LookupFailedException(Endpoint endpoint, Throwable cause) {
            super("access lookup for " + endpoint.path() + " failed", cause);
        }
    }

    private Mono<AccessPolicy.Decision> decide(Endpoint endpoint, Caller caller, EndpointTable.Match match) {
        if (!AccessPolicy.needsLookup(endpoint)) {
            return Mono.just(AccessPolicy.decide(endpoint, caller, match.variables(), Optional.empty()));
        }
        return Mono.fromCallable(() -> directory.access(endpoint.target(), match.variables(), caller.user()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(found -> AccessPolicy.decide(endpoint, caller, match.variables(), found))
                .onErrorMap(error -> new LookupFailedException(endpoint, error));
    }
}

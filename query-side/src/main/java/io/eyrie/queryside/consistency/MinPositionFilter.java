package io.eyrie.queryside.consistency;

import io.eyrie.platform.web.ProblemResponses;
import io.eyrie.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ?minPosition=} on any GET: the answer waits until the read models have processed that position (a command
 * answer's {@code position}), so a client reads its own write; past the bound it is a 503 {@code consistency-timeout}.
 * After authentication but before the access check, which reads the read models too: a deployment created by the
 * command must be known there before it can be authorized. The wait depends only on how far the processors are,
 * so a caller without access learns nothing from it.
 */
@Component
public class MinPositionFilter implements WebFilter, Ordered {
    public static final String PARAMETER = "minPosition";
    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");

    private final ConsistencyGate gate;

    MinPositionFilter(ConsistencyGate gate) {
        this.gate = gate;
    }

    @Override
    public int getOrder() {
        return -1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String position = exchange.getRequest().getQueryParams().getFirst(PARAMETER);
        if (position == null || exchange.getRequest().getMethod() != HttpMethod.GET
                || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        if (!POSITION.matcher(position).matches()) {
            return ProblemResponses.invalidInput(exchange, "Invalid value for: " + PARAMETER,
                    List.of(new Problems.FieldError(PARAMETER, "must be a position from a command's answer")));
        }
        // The audit trail, time travel and metrics read the audit chain; a backlog there holds no dashboard.
        String path = exchange.getRequest().getPath().value();
        boolean audit = path.endsWith("/audit") || path.endsWith("/audit/verify") || path.endsWith("/state")
                || path.endsWith("/metrics");
        return gate.await(Long.parseLong(position), audit ? ConsistencyGate.AUDIT : ConsistencyGate.DASHBOARDS)
                .then(Mono.defer(() -> chain.filter(exchange)))
                .onErrorResume(ConsistencyTimeoutException.class, late -> {
                    exchange.getResponse().getHeaders().set("Retry-After", "1");
                    return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "consistency-timeout",
                            "Read models behind", late.getMessage() + "; try again shortly");
                });
    }
}

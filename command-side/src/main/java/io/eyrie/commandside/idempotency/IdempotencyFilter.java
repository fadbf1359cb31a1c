package io.eyrie.commandside.idempotency;

import io.eyrie.commandside.position.PositionFilter;
import io.eyrie.platform.security.Callers;
import io.eyrie.platform.web.ProblemResponses;
import io.eyrie.platform.web.Problems;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every POST: a retry with the same key and body gets the first answer again and changes
 * nothing; the same key with another body is refused. Runs after authorization, so a key is only ever the caller's.
 * Only successful answers are kept: a refused request changed nothing, so retrying it runs it again.
 */
@Component
public class IdempotencyFilter implements WebFilter, Ordered {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final int MAX_BODY = 256 * 1024;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper POSITIONS = new com.fasterxml.jackson.databind.ObjectMapper();

    private final IdempotencyStore store;
    private final Callers callers;

    IdempotencyFilter(IdempotencyStore store, Callers callers) {
        this.store = store;
        this.callers = callers;
    }

    @Override
    public int getOrder() {
        return 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null || exchange.getRequest().getMethod() != HttpMethod.POST
                || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        if (!KEY.matcher(key).matches()) {
            return ProblemResponses.invalidInput(exchange, "Invalid value for: " + HEADER,
                    List.of(new Problems.FieldError(HEADER, "must be 1-255 visible ASCII characters")));
        }
        return exchange.getPrincipal().ofType(JwtAuthenticationToken.class)
                .map(token -> callers.from(token.getToken()).user())
                .flatMap(caller -> DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY)
                        .map(IdempotencyFilter::bytes)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> handle(exchange, chain, new IdempotentRequest(caller, key,
                                fingerprint(exchange, body)), body)))
                // Read here rather than by a controller, so the controllers' 413 does not apply.
                .onErrorResume(DataBufferLimitException.class, tooLarge -> ProblemResponses.write(exchange,
                        HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large",
                        "The request body is larger than this API accepts"));
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain, IdempotentRequest request, byte[] body) {
        return Mono.fromCallable(() -> store.find(request.caller(), request.key()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return proceed(exchange, chain, request, body);
                    }
                    return replay(exchange, request);
                });
    }

    private static Mono<Void> reused(ServerWebExchange exchange) {
        return ProblemResponses.write(exchange, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency key reused", "This Idempotency-Key was used for a different request; "
                        + "use a new key for a new request");
    }

    /**
     * The answer of the request that used the key first; if it is still on its way, wait for it a little. Also
     * reached when two requests race for a key, so the bodies are compared here as well.
     */
    public Mono<Void> replay(ServerWebExchange exchange, IdempotentRequest request) {
        return Mono.fromCallable(() -> store.find(request.caller(), request.key()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.filter(recorded -> !recorded.fingerprint().equals(request.fingerprint())
                                || recorded.status() != null).map(Mono::just)
                        .orElseGet(() -> Mono.error(new IllegalStateException("not answered yet"))))
                .retryWhen(Retry.fixedDelay(ANSWER_WAIT.toMillis() / 50, Duration.ofMillis(50)))
                .flatMap(recorded -> {
                    if (!recorded.fingerprint().equals(request.fingerprint())) {
                        return reused(exchange);
                    }
                    ServerHttpResponse response = exchange.getResponse();
                    response.setStatusCode(HttpStatus.valueOf(recorded.status()));
                    response.getHeaders().set(REPLAYED, "true");
                    if (recorded.contentType() != null) {
                        response.getHeaders().setContentType(MediaType.parseMediaType(recorded.contentType()));
                    }
                    byte[] stored = recorded.body() == null ? new byte[0] : recorded.body();
                    positionOf(stored).ifPresent(position -> response.getHeaders().set(PositionFilter.HEADER, position));
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(stored)));
                })
                .onErrorResume(IllegalStateException.class, notYet -> ProblemResponses.write(exchange,
                        HttpStatus.CONFLICT, "idempotency-key-in-flight", "Idempotency key in flight",
                        "A request with this Idempotency-Key was carried out, but its answer is not available; "
                                + "read the resource to see its result"));
    }

    /** The first answer's position, which its body kept: the header says it again on a replay. */
    private static java.util.Optional<String> positionOf(byte[] answer) {
        try {
            com.fasterxml.jackson.databind.JsonNode body = POSITIONS.readTree(answer);
            return body != null && body.hasNonNull("position") ? java.util.Optional.of(body.get("position").asText())
                    : java.util.Optional.empty();
        } catch (java.io.IOException notJson) {
            return java.util.Optional.empty();
        }
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, IdempotentRequest request, byte[] body) {
        AtomicBoolean committed = new AtomicBoolean();
        var cachedRequest = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                // No body stays no body: an empty buffer would count as a body of an unknown media type.
                return body.length == 0 ? Flux.empty()
                        : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        var recordingResponse = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> written) {
                return DataBufferUtils.join(Flux.from(written)).map(IdempotencyFilter::bytes)
                        .flatMap(answer -> keep(request, committed, getStatusCode() == null ? 200 : getStatusCode().value(),
                                getHeaders(), answer)
                                .then(super.writeWith(Mono.just(bufferFactory().wrap(answer)))));
            }
        };
        return chain.filter(exchange.mutate().request(cachedRequest).response(recordingResponse).build())
                .contextWrite(context -> context.put(IdempotencyContext.class, new IdempotencyContext(request, committed)));
    }

    /** Only this request's own successful answer, and only if its command was stored. */
    private Mono<Void> keep(IdempotentRequest request, AtomicBoolean committed, int status, HttpHeaders headers,
                            byte[] answer) {
        if (!committed.get() || status < 200 || status >= 300) {
            return Mono.empty();
        }
        MediaType type = headers.getContentType();
        return Mono.fromRunnable(() -> store.answer(request.caller(), request.key(), status,
                        type == null ? null : type.toString(), answer))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(error -> {
                    // The request itself succeeded; a retry will be told its answer is not available.
                    log.warn("Could not keep the answer for Idempotency-Key {} of {}", request.key(), request.caller(), error);
                    return Mono.empty();
                })
                .then();
    }

    private static String fingerprint(ServerWebExchange exchange, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((exchange.getRequest().getMethod() + " " + exchange.getRequest().getURI().getRawPath() + "?"
                    + exchange.getRequest().getURI().getRawQuery() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }
}

package io.eyrie.commandside.position;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eyrie.platform.web.UnavailableException;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.util.Set;

/**
 * Every successful command answer says how far its commands reached in the event store: a {@code position} field in
 * a JSON object body, and the {@code Eyrie-Position} header on every answer (a 204 has no body). A GET on the query
 * side with {@code ?minPosition=} that position reads its own write. Inside the idempotency filter, so a replayed
 * answer carries the position of the command that made it.
 */
@Component
public class PositionFilter implements WebFilter, Ordered {
    public static final String HEADER = "Eyrie-Position";
    private static final Set<HttpMethod> COMMANDS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PositionFilter.class);

    private final CommandPositions positions;

    PositionFilter(CommandPositions positions) {
        this.positions = positions;
    }

    @Override
    public int getOrder() {
        return 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!COMMANDS.contains(exchange.getRequest().getMethod())
                || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        PositionContext reached = new PositionContext();
        var response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                if (!successful()) {
                    return super.writeWith(body);
                }
                // Written once either way: a Mono<Void> completes empty, so no switchIfEmpty after the write.
                return position(reached).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(position -> position.isEmpty() ? super.writeWith(body) : marked(body, position.get()));
            }

            private Mono<Void> marked(Publisher<? extends DataBuffer> body, String position) {
                getHeaders().set(HEADER, position);
                if (!MediaType.APPLICATION_JSON.isCompatibleWith(getHeaders().getContentType())) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> {
                    byte[] answer = new byte[joined.readableByteCount()];
                    joined.read(answer);
                    DataBufferUtils.release(joined);
                    byte[] marked = withPosition(answer, position);
                    getHeaders().setContentLength(marked.length);
                    return super.writeWith(Mono.just(bufferFactory().wrap(marked)));
                });
            }

            @Override
            public Mono<Void> setComplete() {
                return successful() ? position(reached).doOnNext(position -> getHeaders().set(HEADER, position))
                        .then(super.setComplete()) : super.setComplete();
            }

            private boolean successful() {
                return getStatusCode() == null || getStatusCode().is2xxSuccessful();
            }
        };
        return chain.filter(exchange.mutate().response(response).build())
                .contextWrite(context -> context.put(PositionContext.class, reached));
    }

    /** Empty only when a request that sent no command cannot read the store's head; the answer then has none. */
    private Mono<String> position(PositionContext reached) {
        String position = reached.position();
        return position != null ? Mono.just(position)
                : Mono.fromCallable(() -> Long.toString(positions.head())).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(UnavailableException.class, unreadable -> {
                    log.error("An answer goes without its position: {}", unreadable.getMessage(), unreadable);
                    return Mono.empty();
                });
    }

    /** A JSON object gets the field; any other body (a list, say) is left as it is and the header says it. */
    private static byte[] withPosition(byte[] answer, String position) {
        try {
            JsonNode body = JSON.readTree(answer);
            if (!(body instanceof ObjectNode object)) {
                return answer;
            }
            object.put("position", position);
            return JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            return answer;
        }
    }
}

package io.eyrie.commandside.position;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A successful command answer is written once, with its position in the header and in a JSON object body. */
class PositionFilterTest {
    private final AtomicInteger writes = new AtomicInteger();

    private MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/projects").build());
    }

    /** The handler: records a command at {@code position} (or none) and answers {@code json}. */
    private WebFilterChain answering(Long position, String json) {
        return exchange -> Mono.deferContextual(context -> {
            if (position != null) {
                context.get(PositionContext.class).reached(position);
            }
            exchange.getResponse().setStatusCode(HttpStatus.CREATED);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(json.getBytes(StandardCharsets.UTF_8));
            return exchange.getResponse().writeWith(Mono.just(buffer));
        });
    }

    /** Counts what reaches the real response. */
    private ServerWebExchange counted(MockServerWebExchange exchange) {
        return exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                writes.incrementAndGet();
                return super.writeWith(body);
            }
        }).build();
    }

    private static PositionFilter filter(long head) {
        CommandPositions positions = mock(CommandPositions.class);
        when(positions.head()).thenReturn(head);
        return new PositionFilter(positions);
    }

    @Test
    void theAnswerOfACommandIsWrittenOnceWithItsPosition() {
        MockServerWebExchange exchange = exchange();

        filter(99).filter(counted(exchange), answering(42L, "{\"id\":\"p\"}")).block();

        assertThat(writes).hasValue(1);
        assertThat(exchange.getResponse().getHeaders().getFirst(PositionFilter.HEADER)).isEqualTo("42");
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"id\":\"p\",\"position\":\"42\"}");
    }

    @Test
    void anAnswerThatSentNoCommandCarriesTheStoresHead() {
        MockServerWebExchange exchange = exchange();

        filter(7).filter(counted(exchange), answering(null, "[1]")).block();

        assertThat(writes).hasValue(1);
        assertThat(exchange.getResponse().getHeaders().getFirst(PositionFilter.HEADER)).isEqualTo("7");
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("[1]");
    }

    @Test
    void anUnreadableHeadLeavesTheAnswerAsItWasWrittenOnce() {
        CommandPositions positions = mock(CommandPositions.class);
        when(positions.head()).thenThrow(new io.eyrie.platform.web.UnavailableException("store down", null));
        MockServerWebExchange exchange = exchange();

        new PositionFilter(positions).filter(counted(exchange), answering(null, "{}")).block();

        assertThat(writes).hasValue(1);
        assertThat(exchange.getResponse().getHeaders().getFirst(PositionFilter.HEADER)).isNull();
        assertThat(Flux.from(exchange.getResponse().getBodyAsString()).blockFirst()).isEqualTo("{}");
    }
}

package io.eyrie.queryside.web;

import io.eyrie.api.query.Page;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The HTTP layer's way to Axon's query bus. The local bus runs query handlers, and their blocking MongoDB reads,
 * on the calling thread, so every query is sent from a worker thread rather than from the Netty event loop.
 */
@Component
public class ReactiveQueries {
    private final QueryGateway gateway;

    public ReactiveQueries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    /** Empty when the handler finds nothing. */
    public <R> Mono<R> optional(Object query, Class<R> type) {
        return offEventLoop(() -> gateway.query(query, ResponseTypes.optionalInstanceOf(type)))
                .flatMap(Mono::justOrEmpty);
    }

    public <R> Mono<List<R>> list(Object query, Class<R> type) {
        return offEventLoop(() -> gateway.query(query, ResponseTypes.multipleInstancesOf(type)));
    }

    /** A handler answering with a {@link Page} of {@code type}. */
    @SuppressWarnings("unchecked")
    public <R> Mono<Page<R>> page(Object query, Class<R> type) {
        return offEventLoop(() -> gateway.query(query, PageResponseType.INSTANCE))
                .map(page -> (Page<R>) page);
    }

    /** A handler's own exception (a bad cursor, say) reaches the HTTP layer as itself, not wrapped by the bus. */
    private static <T> Mono<T> offEventLoop(Supplier<CompletableFuture<T>> send) {
        return Mono.defer(() -> Mono.fromFuture(send.get())).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(error -> error.getCause() instanceof InvalidParameterException invalid ? invalid : error);
    }
}

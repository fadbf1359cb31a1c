package io.eyrie.commandside;

import io.eyrie.commandside.idempotency.IdempotencyContext;
import io.eyrie.commandside.idempotency.IdempotentRequest;
import io.eyrie.commandside.position.CommandPositions;
import io.eyrie.commandside.position.PositionContext;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.RequestAudit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/**
 * Sends a command on behalf of an HTTP request, with its audit metadata. The local command bus runs the handler
 * and the JDBC append on the calling thread, so this moves that work off the Netty event loop.
 */
@Component
public class CommandSender {
    private final CommandGateway commandGateway;
    private final CommandPositions positions;

    public CommandSender(CommandGateway commandGateway, CommandPositions positions) {
        this.commandGateway = commandGateway;
        this.positions = positions;
    }

    /**
     * A request with an Idempotency-Key hands it to its command, whose transaction records it; the request learns
     * afterwards that its own command was the one stored.
     */
    public Mono<Void> send(Object command, Caller caller, HttpHeaders headers) {
        return request(command, caller, headers).then();
    }

    /** As {@link #send}, with what the command handler answered (empty if it answered nothing). */
    public <R> Mono<R> request(Object command, Caller caller, HttpHeaders headers) {
        return Mono.deferContextual(context -> {
            Optional<IdempotencyContext> idempotency = context.getOrEmpty(IdempotencyContext.class);
            MetaData metaData = RequestAudit.from(caller, headers);
            if (idempotency.isPresent()) {
                metaData = metaData.and(IdempotentRequest.KEY, idempotency.get().request().key())
                        .and(IdempotentRequest.FINGERPRINT, idempotency.get().request().fingerprint());
            }
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
            Optional<PositionContext> reached = context.getOrEmpty(PositionContext.class);
            return Mono.<R>fromCallable(() -> {
                        reached.ifPresent(position -> positions.expect(message.getIdentifier()));
                        R result;
                        try {
                            result = commandGateway.sendAndWait(message);
                        } catch (RuntimeException refused) {
                            positions.forget(message.getIdentifier());
                            throw refused;
                        }
                        idempotency.ifPresent(found -> found.committed().set(true));
                        reached.ifPresent(position -> positions.positionOf(message.getIdentifier())
                                .ifPresent(position::reached));
                        return result;
                    })
                    .subscribeOn(Schedulers.boundedElastic());
        });
    }
}

package io.eyrie.commandside;

import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.RequestAudit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a command on behalf of an HTTP request, with its audit metadata. The local command bus runs the handler
 * and the JDBC append on the calling thread, so this moves that work off the Netty event loop.
 */
@Component
public class CommandSender {
    private final CommandGateway commandGateway;

    public CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public Mono<Void> send(Object command, Caller caller, HttpHeaders headers) {
        return Mono.fromCallable(() -> GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(RequestAudit.from(caller, headers)))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(commandGateway::sendAndWait)
                .then();
    }
}

package io.eyrie.commandside;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.eyrie.api.TestEvents.projectCreated;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kinded identifiers keep streams apart; as a second guard, each aggregate loads only the events its own type
 * stored. A stream that holds another aggregate's events (written by hand here, since the API cannot) is "not
 * found" for the wrong type rather than a half-built aggregate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class StreamKindIntegrationTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;

    @Test
    void anAggregateNeverLoadsAnotherTypesEvents() {
        var intruder = deployment("intruder");
        eventStore.publish(new GenericDomainEventMessage<>("Project", intruder.toString(), 0,
                projectCreated("acme", "alice")));

        assertThatThrownBy(() -> commands.sendAndWait(GenericCommandMessage
                .asCommandMessage(new RequestAction(intruder, Action.INITIALIZE, job("j1")))
                .andMetaData(MetaData.with(AuditMetaData.INITIATOR, "alice"))))
                .isInstanceOf(AggregateNotFoundException.class);
    }
}

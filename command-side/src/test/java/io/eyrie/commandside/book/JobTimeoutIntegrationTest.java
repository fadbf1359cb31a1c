package io.eyrie.commandside.book;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobExpired;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no book-runner running, an action's job never starts: its expiry deadline, kept by db-scheduler in
 * PostgreSQL, must end the job and fail the action on its own, on behalf of the user who asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "eyrie.books.job-timeout=1s")
@DirtiesContext // closes the context while PostgreSQL, stopped by its shutdown hook, is still up
class JobTimeoutIntegrationTest {
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
    void aJobNobodyRunsFailsTheActionWhenItsDeadlinePasses() {
        MetaData alice = MetaData.with(AuditMetaData.INITIATOR, "alice").and(AuditMetaData.CORRELATION_ID, "c-timeout");
        OneDeployment.create(commands, alice);
        send(new RequestAction(deployment("d-1"), Action.INITIALIZE, job("j-1")), alice);

        DomainEventMessage<?> failed = await().atMost(Duration.ofSeconds(20)).until(
                () -> last(eventStore.readEvents(deployment("d-1").toString()).asStream().toList()),
                event -> event.filter(e -> e.getPayload() instanceof ActionFailed).isPresent()).orElseThrow();

        ActionFailed payload = (ActionFailed) failed.getPayload();
        assertThat(payload.jobId()).isEqualTo(job("j-1"));
        assertThat(payload.action()).isEqualTo(Action.INITIALIZE);
        assertThat(payload.error()).contains("did not finish within PT1S");
        assertThat(payload.error()).contains("no runner started it");
        assertThat(failed.getMetaData()).containsEntry(AuditMetaData.INITIATOR, "alice")
                .containsEntry(AuditMetaData.CORRELATION_ID, "c-timeout");
        assertThat(last(eventStore.readEvents(job("j-1").toString()).asStream().toList()))
                .hasValueSatisfying(event -> assertThat(event.getPayload()).isInstanceOf(JobExpired.class));
    }

    private void send(Object command, MetaData metaData) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private static Optional<DomainEventMessage<?>> last(List<? extends DomainEventMessage<?>> events) {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast());
    }
}

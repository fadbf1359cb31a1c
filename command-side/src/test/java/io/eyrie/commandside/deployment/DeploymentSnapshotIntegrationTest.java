package io.eyrie.commandside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.FinishJobStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobProgress;
import io.eyrie.api.book.StartJob;
import io.eyrie.api.book.StartJobStep;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.SetProjectMember;
import io.eyrie.commandside.book.OneDeployment;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long-lived deployment is snapshotted every 200 events, and one loaded from its snapshot (not from memory)
 * decides as before: its releases, which of them were active, and its role overrides all come back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DeploymentSnapshotIntegrationTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final MetaData ALICE = MetaData.with(AuditMetaData.INITIATOR, "alice")
            .and(AuditMetaData.CORRELATION_ID, "c-snapshot");

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("deploymentCache")
    Cache deploymentCache;

    @Test
    void aDeploymentLoadedFromItsSnapshotDecidesAsBefore() {
        OneDeployment.create(commands, ALICE);
        send(new SetProjectMember(ACME_PROJECT, "bob", Role.DEVELOPER));
        run(Action.INITIALIZE, job("s-1"));
        run(Action.DEPLOY, job("s-2"));
        run(Action.DEPLOY, job("s-3"));
        for (int i = 0; i < 110; i++) {
            send(new SetDeploymentRoleOverride(deployment("d-1"), "bob", Role.USER));
            send(new RemoveDeploymentRoleOverride(deployment("d-1"), "bob"));
        }
        send(new SetDeploymentRoleOverride(deployment("d-1"), "bob", Role.USER));
        String snapshot = JdbcClient.create(dataSource)
                .sql("SELECT convert_from(payload, 'UTF8') FROM snapshotevententry WHERE aggregateidentifier = ?")
                .param(deployment("d-1").toString()).query(String.class).single();
        // Axon replays every event when a snapshot cannot be read, so the snapshot itself must hold the state.
        assertThat(snapshot).contains("\"lastRelease\":2", "\"everActive\":[1,2]", "\"lifecycle\":\"deploy\"");

        deploymentCache.removeAll();
        send(new RequestAction(deployment("d-1"), Action.ROLLBACK, job("s-4"),
                new ActionInput(null, null, null, null, null, 1, null, null), null));
        List<Object> events = eventStore.readEvents(deployment("d-1").toString()).asStream()
                .map(message -> (Object) message.getPayload()).toList();
        assertThat(events.getLast()).isInstanceOfSatisfying(ActionStarted.class, started -> {
            assertThat(started.action()).isEqualTo(Action.ROLLBACK);
            assertThat(started.release()).as("releases 1 and 2 came back from the snapshot").isEqualTo(3);
        });
    }

    private void run(Action action, JobId job) {
        send(new RequestAction(deployment("d-1"), action, job));
        MetaData runner = ALICE.and(AuditMetaData.INITIATOR, "system:book-runner");
        JobProgress progress = send(new StartJob(job, "test-runner", 1, "simulated", true), runner);
        for (int step = 0; step < progress.steps().size(); step++) {
            send(new StartJobStep(job, step, "test-runner", 1), runner);
            send(new FinishJobStep(job, step, "test-runner", 1, "done", null), runner);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> eventStore.readEvents(deployment("d-1").toString())
                .asStream().anyMatch(event -> event.getPayload() instanceof ActionCompleted completed
                        && completed.jobId().equals(job)));
    }

    private <R> R send(Object command) {
        return send(command, ALICE);
    }

    private <R> R send(Object command, MetaData metaData) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}

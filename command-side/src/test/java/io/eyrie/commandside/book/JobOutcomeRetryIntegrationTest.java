package io.eyrie.commandside.book;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.FinishJobStep;
import io.eyrie.api.book.JobProgress;
import io.eyrie.api.book.StartJob;
import io.eyrie.api.book.StartJobStep;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job's outcome reaches its deployment even when the command that records it fails once: the outcome processor
 * does not log and skip, it retries, and the failure is not taken for a poison event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class JobOutcomeRetryIntegrationTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    static final AtomicInteger COMPLETIONS = new AtomicInteger();

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The first CompleteAction fails as if the database had dropped the connection. */
    @TestConfiguration
    static class FlakyDatabase {
        @Bean
        ConfigurerModule failTheFirstCompletion() {
            MessageHandlerInterceptor<CommandMessage<?>> flaky = (unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof CompleteAction
                        && COMPLETIONS.incrementAndGet() == 1) {
                    throw new TransientDataAccessResourceException("connection reset while recording the outcome");
                }
                return chain.proceed();
            };
            return configurer -> configurer.onInitialize(config -> config.onStart(
                    () -> config.commandBus().registerHandlerInterceptor(flaky)));
        }
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    StepStatistics statistics;

    @Test
    void anOutcomeWhoseCommandFailsOnceStillCompletesTheAction() {
        MetaData alice = MetaData.with(AuditMetaData.INITIATOR, "alice").and(AuditMetaData.CORRELATION_ID, "c-retry");
        OneDeployment.create(commands, alice);
        send(new RequestAction(deployment("d-1"), Action.INITIALIZE, job("j-1")), alice);

        // Playing the runner: every step of the job succeeds.
        MetaData runner = alice.and(AuditMetaData.INITIATOR, "system:book-runner");
        JobProgress progress = send(new StartJob(job("j-1"), "test-runner", 1, "simulated", true), runner);
        for (int step = 0; step < progress.steps().size(); step++) {
            send(new StartJobStep(job("j-1"), step, "test-runner", 1), runner);
            send(new FinishJobStep(job("j-1"), step, "test-runner", 1, "done", null), runner);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> eventStore.readEvents(deployment("d-1").toString())
                .asStream().anyMatch(event -> event.getPayload() instanceof ActionCompleted completed
                        && completed.lifecycle() == Lifecycle.INITIALIZE));
        assertThat(COMPLETIONS.get()).as("the failed completion and the retry that recorded it").isEqualTo(2);
        assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM deadletterentry").query(Long.class).single())
                .as("a failure that passes is not a poison event").isZero();

        // Each step's run is counted once towards the estimates of later jobs, however often it is delivered.
        JdbcClient directory = JdbcClient.create(dataSource);
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.sql(
                "SELECT count(*) FROM directory_step_averages WHERE book = 'none.initialize'").query(Long.class)
                .single() == progress.steps().size());
        statistics.on(new io.eyrie.api.book.JobStepSucceeded(job("j-1"), 0, progress.steps().getFirst().name(), "done",
                "none.initialize", 999_999));
        assertThat(directory.sql("SELECT runs FROM directory_step_averages WHERE book = 'none.initialize'")
                .query(Long.class).list()).containsOnly(1L);
    }

    private <R> R send(Object command, MetaData metaData) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}

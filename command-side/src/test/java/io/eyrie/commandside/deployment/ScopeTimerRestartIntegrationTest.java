package io.eyrie.commandside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.FinishJobStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobProgress;
import io.eyrie.api.book.StartJob;
import io.eyrie.api.book.StartJobStep;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.DefineScope;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Scope;
import io.eyrie.commandside.CommandSideApplication;
import io.eyrie.commandside.book.OneDeployment;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scope timer set before the command service stops fires after it starts again: it is a db-scheduler task in
 * PostgreSQL, not a thread. The pause it makes is done by {@code system}, naming the timer.
 */
class ScopeTimerRestartIntegrationTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final MetaData ALICE = MetaData.with(AuditMetaData.INITIATOR, "alice")
            .and(AuditMetaData.CORRELATION_ID, "c-timer");

    @Test
    void aTimerSetBeforeARestartPausesTheDeploymentAfterIt() {
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            OneDeployment.create(commands, ALICE);
            send(commands, new DefineScope(group("web"), new Scope("dev", true, 6L, null, null, List.of(), null,
                    Role.DEVELOPER, Concurrency.QUEUE, List.of(), List.of())));
            run(first, Action.INITIALIZE, job("t-1"));
            run(first, Action.DEPLOY, job("t-2"));
            ActionCompleted deployed = await().atMost(Duration.ofSeconds(30)).until(() -> events(first).stream()
                    .filter(event -> event instanceof ActionCompleted completed && completed.action() == Action.DEPLOY)
                    .map(ActionCompleted.class::cast).findFirst(), Optional::isPresent).orElseThrow();
            assertThat(deployed.pauseAt()).isNotNull();
            assertThat(JdbcClient.create(first.getBean(DataSource.class))
                    .sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'scope-timer-pause'")
                    .query(Long.class).single()).as("the timer is a row in PostgreSQL").isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = start()) {
            ActionStarted pause = await().atMost(Duration.ofSeconds(40)).until(() -> events(second).stream()
                    .filter(event -> event instanceof ActionStarted started && started.action() == Action.PAUSE)
                    .map(ActionStarted.class::cast).findFirst(), Optional::isPresent).orElseThrow();
            assertThat(pause.requestedBy()).isEqualTo("system");
            assertThat(pause.reason()).isEqualTo("scope 'dev' pauses a deployment 6 s after it was deployed");
        }
    }

    private static ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(POSTGRES.eventStoreProperties());
        properties.putAll(KEYS.serviceProperties());
        properties.put("server.port", "0");
        return new SpringApplicationBuilder(CommandSideApplication.class).properties(properties).run();
    }

    /** Plays the runner: every step of the action's job succeeds. */
    private static void run(ConfigurableApplicationContext context, Action action, JobId job) {
        CommandGateway commands = context.getBean(CommandGateway.class);
        send(commands, new RequestAction(deployment("d-1"), action, job));
        MetaData runner = ALICE.and(AuditMetaData.INITIATOR, "system:book-runner");
        JobProgress progress = send(commands, new StartJob(job, "test-runner", 1, "simulated", true), runner);
        for (int step = 0; step < progress.steps().size(); step++) {
            send(commands, new StartJobStep(job, step, "test-runner", 1), runner);
            send(commands, new FinishJobStep(job, step, "test-runner", 1, "done", null), runner);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events(context).stream().anyMatch(event ->
                event instanceof ActionCompleted completed && completed.jobId().equals(job)));
    }

    private static List<Object> events(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents(deployment("d-1").toString()).asStream()
                .map(message -> (Object) message.getPayload()).toList();
    }

    private static <R> R send(CommandGateway commands, Object command) {
        return send(commands, command, ALICE);
    }

    private static <R> R send(CommandGateway commands, Object command, MetaData metaData) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}

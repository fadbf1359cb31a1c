package io.eyrie.bookrunner.run;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.FinishBookStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.StartBookRun;
import io.eyrie.api.book.StartBookStep;
import io.eyrie.api.deployment.Action;
import io.eyrie.bookrunner.book.BookCatalog;
import io.eyrie.bookrunner.driver.ClusterDriver;
import io.eyrie.bookrunner.driver.SimulatedClusterDriver;
import io.eyrie.bookrunner.driver.SimulatedDriverProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static io.eyrie.api.TestIds.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The runner's own decisions, with the command gateway replaced by a recorder. */
class BookRunnerTest {
    private static final MetaData EVENT_METADATA = MetaData.with(AuditMetaData.INITIATOR, "alice")
            .and(AuditMetaData.CORRELATION_ID, "c-1")
            .and(AuditMetaData.CAUSATION_ID, "some-command");
    private static final MetaData AUDIT = MetaData.with(AuditMetaData.INITIATOR, "alice")
            .and(AuditMetaData.CORRELATION_ID, "c-1");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final EventStore eventStore = mock(EventStore.class);

    @Test
    void aDriverExceptionFailsTheStepWithItsMessageAndEndsTheRun() throws Exception {
        ClusterDriver driver = mock(ClusterDriver.class);
        when(driver.name()).thenReturn("broken");
        when(driver.execute(any())).thenThrow(new IOException("API server unreachable"));
        BookRunner runner = runner(driver, 1, Duration.ofSeconds(5));

        schedule(runner, job("job-1"), "none.pause");

        verify(gateway, timeout(2_000))
                .sendAndWait(new FinishBookStep(run("job-1"), 0, null, "API server unreachable"), AUDIT);
        runner.destroy();
        verify(gateway, never()).sendAndWait(eq(new StartBookStep(run("job-1"), 1)), any(MetaData.class));
        assertThat(runner.activeRuns()).isZero();
    }

    @Test
    void aJobThatAlreadyHasARunIsNotClaimedAgain() throws Exception {
        when(eventStore.lastSequenceNumberFor(run("job-1").toString())).thenReturn(Optional.of(3L));
        BookRunner runner = runner(simulatedDriver(Duration.ZERO), 1, Duration.ofSeconds(5));

        schedule(runner, job("job-1"), "none.pause");
        runner.destroy();

        verify(gateway, never()).sendAndWait(any(), any(MetaData.class));
        assertThat(runner.activeRuns()).isZero();
    }

    @Test
    void shuttingDownFailsTheRunningStepAndTheRunsThatWereStillWaiting() throws Exception {
        BookRunner runner = runner(simulatedDriver(Duration.ofMinutes(1)), 1, Duration.ofMillis(50));
        schedule(runner, job("job-1"), "none.pause");
        schedule(runner, job("job-2"), "none.pause");
        verify(gateway, timeout(2_000)).sendAndWait(new StartBookStep(run("job-1"), 0), AUDIT);
        assertThat(runner.activeRuns()).isEqualTo(2);

        runner.destroy();

        verify(gateway).sendAndWait(new FinishBookStep(run("job-1"), 0, null,
                "interrupted: the runner was shut down during 'scale to zero'"), AUDIT);
        verify(gateway).sendAndWait(new StartBookStep(run("job-2"), 0), AUDIT);
        verify(gateway).sendAndWait(new FinishBookStep(run("job-2"), 0, null,
                "the runner was shut down before the run started"), AUDIT);
        assertThat(runner.activeRuns()).isZero();
    }

    @Test
    void theClaimAnnouncesTheBookStepsAndTheDriver() throws Exception {
        BookRunner runner = runner(simulatedDriver(Duration.ZERO), 1, Duration.ofSeconds(5));

        schedule(runner, job("job-1"), "pgo.initialize");
        runner.destroy();

        verify(gateway).sendAndWait(new StartBookRun(run("job-1"), job("job-1"), deployment("dep-1"), "pgo.initialize", "simulated",
                true, List.of("ensure namespace", "apply secrets and config", "apply PostgresCluster")), AUDIT);
        verify(gateway).sendAndWait(new FinishBookStep(run("job-1"), 2,
                "[simulated] apply PostgresCluster for deployment " + deployment("dep-1").value(), null), AUDIT);
    }

    private BookRunner runner(ClusterDriver driver, int workers, Duration shutdownGrace) {
        return new BookRunner(gateway, eventStore, new BookCatalog(), driver,
                new RunnerProperties(workers, shutdownGrace));
    }

    private static ClusterDriver simulatedDriver(Duration stepTime) {
        return new SimulatedClusterDriver(new SimulatedDriverProperties(stepTime, "fail"));
    }

    /** Handles the event the way the processor does: in a unit of work that then commits. */
    private static void schedule(BookRunner runner, JobId jobId, String book) {
        var job = new BookJobScheduled(jobId, deployment("dep-1"), ACME_PROJECT, Action.PAUSE, book, "nginx:1.27");
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(job));
        runner.on(job, EVENT_METADATA, unitOfWork);
        unitOfWork.commit();
    }
}

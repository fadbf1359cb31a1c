package io.eyrie.bookrunner.run;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.FinishBookStep;
import io.eyrie.api.book.RunId;
import io.eyrie.api.book.StartBookRun;
import io.eyrie.api.book.StartBookStep;
import io.eyrie.bookrunner.book.BookCatalog;
import io.eyrie.bookrunner.book.BookStep;
import io.eyrie.bookrunner.driver.ClusterDriver;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.bookrunner.driver.StepRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims each scheduled Book job by starting its {@link BookRun}, then runs the steps on a worker pool.
 * <p>
 * The claim is sent synchronously inside the event's unit of work, so it commits together with the processor's
 * token: a job is either claimed and marked handled, or neither. The steps run outside it, so a long job never
 * holds up the event processor.
 */
@Component
@ProcessingGroup(BookRunner.PROCESSING_GROUP)
public class BookRunner implements DisposableBean {
    public static final String PROCESSING_GROUP = "book-runner";
    /** The only step of a run whose book is unknown, so that the job still fails visibly. */
    private static final String RESOLVE_BOOK = "resolve book";

    private static final Logger log = LoggerFactory.getLogger(BookRunner.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final BookCatalog catalog;
    private final ClusterDriver driver;
    private final RunnerProperties properties;
    private final ExecutorService workers;
    private final AtomicInteger activeRuns = new AtomicInteger();

    public BookRunner(CommandGateway commandGateway, EventStore eventStore, BookCatalog catalog, ClusterDriver driver,
                      RunnerProperties properties) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.driver = driver;
        this.properties = properties;
        this.workers = Executors.newFixedThreadPool(properties.workers(),
                Thread.ofPlatform().name("book-run-", 1).factory());
    }

    @EventHandler
    void on(BookJobScheduled job, MetaData metaData, UnitOfWork<?> unitOfWork) {
        RunId runId = RunId.of(job.jobId());
        // The run's events are stored only when the processor commits this batch, so a duplicate claim fails there,
        // not in sendAndWait. Looking first skips replays and redeliveries; a runner that loses a race with another
        // has its batch rolled back and retried, and then skips here.
        if (eventStore.lastSequenceNumberFor(runId.toString()).isPresent()) {
            log.info("Job {} is already claimed by run {}; skipping it", job.jobId(), runId);
            return;
        }
        Claim claim = new Claim(runId, job, metaData.subset(AuditMetaData.INITIATOR, AuditMetaData.CORRELATION_ID));
        Optional<List<BookStep>> steps = catalog.steps(job.book());
        List<String> stepNames = steps.map(known -> known.stream().map(BookStep::label).toList())
                .orElse(List.of(RESOLVE_BOOK));
        send(claim, new StartBookRun(runId, job.jobId(), job.deploymentId(), job.book(), driver.name(),
                driver.simulated(), stepNames));

        Runnable work = steps.isPresent()
                ? () -> runSteps(claim, steps.get())
                : () -> failStep(claim, 0, "unknown book: " + job.book());
        // Only a committed claim may run: until then the run does not exist for the step commands.
        unitOfWork.afterCommit(committed -> {
            log.info("Claimed job {} ({} for deployment {}) as run {}",
                    job.jobId(), job.book(), job.deploymentId(), runId);
            activeRuns.incrementAndGet();
            workers.execute(new RunTask(claim, work));
        });
    }

    /** Runs claimed but not finished on this runner, including those waiting for a worker. */
    public int activeRuns() {
        return activeRuns.get();
    }

    private void runSteps(Claim claim, List<BookStep> steps) {
        for (int index = 0; index < steps.size(); index++) {
            send(claim, new StartBookStep(claim.runId(), index));
            StepOutcome outcome = execute(claim, steps.get(index));
            switch (outcome) {
                case StepOutcome.Succeeded succeeded ->
                        send(claim, new FinishBookStep(claim.runId(), index, succeeded.detail(), null));
                case StepOutcome.Failed failed -> {
                    send(claim, new FinishBookStep(claim.runId(), index, null, failed.error()));
                    return;
                }
            }
        }
    }

    private StepOutcome execute(Claim claim, BookStep step) {
        BookJobScheduled job = claim.job();
        try {
            return driver.execute(new StepRequest(job.deploymentId().value(), job.book(), step, job.image()));
        } catch (InterruptedException e) {
            // Only a shutdown interrupts a worker. The flag stays cleared so that the failure can still be stored.
            return StepOutcome.failed("interrupted: the runner was shut down during '" + step.label() + "'");
        } catch (Exception e) {
            log.warn("Step '{}' of run {} failed", step.label(), claim.runId(), e);
            return StepOutcome.failed(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    private void failStep(Claim claim, int index, String error) {
        send(claim, new StartBookStep(claim.runId(), index));
        send(claim, new FinishBookStep(claim.runId(), index, null, error));
    }

    /** Workers send outside any unit of work, so the audit metadata must be attached by hand. */
    private void send(Claim claim, Object command) {
        commandGateway.sendAndWait(command, claim.audit());
    }

    /**
     * Lets running and waiting runs finish within the grace period, then interrupts the running ones (their current
     * step fails) and fails the waiting ones, so that no deployment waits for a run that will never happen.
     */
    @Override
    public void destroy() throws InterruptedException {
        workers.shutdown();
        if (workers.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        List<Runnable> waiting = workers.shutdownNow();
        log.warn("Runner stopping: interrupting running runs and failing {} waiting ones", waiting.size());
        for (Runnable task : waiting) {
            ((RunTask) task).abandon();
        }
        workers.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Claim(RunId runId, BookJobScheduled job, MetaData audit) {
    }

    /** A claimed run; whatever happens to it, it is counted out of {@link #activeRuns} and never fails silently. */
    private final class RunTask implements Runnable {
        private final Claim claim;
        private final Runnable work;

        RunTask(Claim claim, Runnable work) {
            this.claim = claim;
            this.work = work;
        }

        @Override
        public void run() {
            guarded(work);
        }

        void abandon() {
            guarded(() -> failStep(claim, 0, "the runner was shut down before the run started"));
        }

        private void guarded(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("Run {} of job {} stopped early: a command was refused or could not be stored; "
                        + "the job stays unfinished until its time-out", claim.runId(), claim.job().jobId(), e);
            } finally {
                activeRuns.decrementAndGet();
            }
        }
    }
}

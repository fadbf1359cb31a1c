package io.eyrie.bookrunner.run;

import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunStarted;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.BookStepFailed;
import io.eyrie.api.book.BookStepStarted;
import io.eyrie.api.book.BookStepSucceeded;
import io.eyrie.api.book.FinishBookStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.RunId;
import io.eyrie.api.book.StartBookRun;
import io.eyrie.api.book.StartBookStep;
import io.eyrie.api.deployment.DeploymentId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One runner's execution of one Book job: its steps run strictly in order, one at a time, and the first failed
 * step fails the run. Its identifier is derived from the job's, so a job can be claimed only once.
 */
@Aggregate(filterEventsByType = true)
public class BookRun {
    private static final int NONE = -1;

    @AggregateIdentifier
    private RunId runId;
    private JobId jobId;
    private DeploymentId deploymentId;
    private List<String> steps;
    private int nextStep;
    private int runningStep = NONE;
    private boolean finished;

    protected BookRun() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public BookRun(StartBookRun command) {
        if (!RunId.of(command.jobId()).equals(command.runId())) {
            throw new BookRunRefusedException(command.runId() + " is not the run of " + command.jobId());
        }
        if (command.steps() == null || command.steps().isEmpty()) {
            throw new BookRunRefusedException("run " + command.runId().value() + " has no steps");
        }
        apply(new BookRunStarted(command.runId(), command.jobId(), command.deploymentId(), command.book(),
                command.driver(), command.simulated(), List.copyOf(command.steps())));
    }

    @CommandHandler
    public void handle(StartBookStep command) {
        if (finished) {
            throw new BookRunRefusedException("run " + runId.value() + " has finished; step " + command.index()
                    + " cannot start");
        }
        if (runningStep != NONE) {
            throw new BookRunRefusedException("step " + runningStep + " of run " + runId.value() + " is still running");
        }
        if (command.index() != nextStep) {
            throw new BookRunRefusedException("step " + command.index() + " of run " + runId
                    + " cannot start: the next step is " + nextStep);
        }
        apply(new BookStepStarted(runId, jobId, command.index(), steps.get(command.index())));
    }

    @CommandHandler
    public void handle(FinishBookStep command) {
        if (runningStep == NONE || command.index() != runningStep) {
            throw new BookRunRefusedException("step " + command.index() + " of run " + runId.value() + " is not running");
        }
        String step = steps.get(command.index());
        if (command.error() == null) {
            apply(new BookStepSucceeded(runId, jobId, command.index(), step, command.detail()));
            if (command.index() == steps.size() - 1) {
                apply(new BookRunSucceeded(runId, jobId, deploymentId));
            }
        } else {
            apply(new BookStepFailed(runId, jobId, command.index(), step, command.error()));
            apply(new BookRunFailed(runId, jobId, deploymentId, command.error()));
        }
    }

    @EventSourcingHandler
    void on(BookRunStarted event) {
        runId = event.runId();
        jobId = event.jobId();
        deploymentId = event.deploymentId();
        steps = event.steps();
    }

    @EventSourcingHandler
    void on(BookStepStarted event) {
        runningStep = event.index();
    }

    @EventSourcingHandler
    void on(BookStepSucceeded event) {
        runningStep = NONE;
        nextStep = event.index() + 1;
    }

    @EventSourcingHandler
    void on(BookStepFailed event) {
        runningStep = NONE;
    }

    @EventSourcingHandler
    void on(BookRunSucceeded event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(BookRunFailed event) {
        finished = true;
    }
}

package io.eyrie.job;

import io.eyrie.api.book.CancelJob;
import io.eyrie.api.book.FinishJobStep;
import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobExpired;
import io.eyrie.api.book.JobFailed;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobProgress;
import io.eyrie.api.book.JobProgressed;
import io.eyrie.api.book.JobResumed;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobStepFailed;
import io.eyrie.api.book.JobStepRetried;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.ReportJobProgress;
import io.eyrie.api.book.RetryJobStep;
import io.eyrie.api.book.StartJob;
import io.eyrie.api.book.StartJobStep;
import io.eyrie.api.deployment.DeploymentId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One Book job: pending until a runner starts it, then its steps one after another, until it succeeds, fails, is
 * cancelled or expires. Once it has ended nobody can start or continue it, so a runner that comes back late cannot
 * run a job its deployment has given up on. Reports that arrive twice change nothing.
 * <p>
 * The command side creates, cancels and expires jobs; runners start them and report their steps. Both load it from
 * the shared event store, so when they race, the second append fails on the sequence number and is retried
 * against the new state. Each service names its own cache for it, {@code jobCache}: a runner reports every step
 * of a job, so it keeps the jobs it works on; a stale entry fails its append, is dropped and loaded again.
 */
@Aggregate(filterEventsByType = true, cache = Job.CACHE)
public class Job {
    /** The bean name of the cache each service gives this aggregate. */
    public static final String CACHE = "jobCache";
    static final String EXPIRY = "job-expiry";
    /** How many failures that may pass a step gets before it fails. */
    static final int MAX_ATTEMPTS = 5;

    @AggregateIdentifier
    private JobId id;
    private DeploymentId deployment;
    private String book;
    private String image;
    private JobTarget target;
    private List<JobStep> steps;
    private long timeoutSeconds;
    private JobState state;
    private String runner;
    private int lease;
    /** The first step that has not succeeded. */
    private int nextStep;
    /** When {@link #nextStep} started, or null while it has not. */
    private Instant stepStartedAt;
    /** Failures of {@link #nextStep} that may pass, so far. */
    private int attempts;

    /** The last progress recorded, to record only changes. */
    private JobProgressed lastProgress;

    protected Job() {
    }

    /** Made by its deployment in the command that accepted the action; it expires unless it has ended by then. */
    public Job(JobCreated created, DeadlineManager deadlines) {
        apply(created);
        // The scope names the stream as stored ("job:<uuid>"): the deadline's data is JSON, where a typed id would
        // come back as its bare value and load nothing.
        deadlines.schedule(Duration.ofSeconds(created.timeoutSeconds()), EXPIRY, new Expiry(created.jobId()),
                new AggregateScopeDescriptor(Job.class.getSimpleName(), created.jobId().toString()));
    }

    /**
     * Starts the job, continues it (any runner may, between steps), or takes it over under a newer lease from a
     * runner whose lease lapsed.
     */
    @CommandHandler
    public JobProgress handle(StartJob command) {
        requireNotEnded();
        requireLease(command.lease());
        if (state == JobState.PENDING) {
            apply(new JobStarted(id, deployment, command.runner(), command.driver(), command.simulated()));
        } else if (command.lease() > lease) {
            apply(new JobResumed(id, command.runner(), runner, nextStep, command.lease()));
        }
        return new JobProgress(id, deployment, book, image, target, steps, nextStep, stepStartedAt);
    }

    /** A step that already runs (the runner resumes it) stays as it is. */
    @CommandHandler
    public void handle(StartJobStep command) {
        requireNotEnded();
        requireRunning();
        requireLease(command.lease());
        requireNext(command.index());
        if (stepStartedAt == null) {
            apply(new JobStepStarted(id, command.index(), steps.get(command.index()).name(), command.runner()));
        }
    }

    /** Only a change is recorded: a rollout reports on every look, and most looks see what the last one saw. */
    @CommandHandler
    public void handle(ReportJobProgress command) {
        requireNotEnded();
        requireRunning();
        requireLease(command.lease());
        requireNext(command.index());
        JobProgressed progressed = new JobProgressed(id, command.index(), Math.max(0, Math.min(100, command.percent())),
                command.phase(), Map.copyOf(command.services()));
        if (!progressed.equals(lastProgress)) {
            apply(progressed);
        }
    }

    /** A report of a step that already ended is a retry of one that was stored, and changes nothing. */
    @CommandHandler
    public void handle(FinishJobStep command) {
        if (alreadyReported(command.index())) {
            return;
        }
        requireNotEnded();
        requireRunning();
        requireLease(command.lease());
        requireNext(command.index());
        if (stepStartedAt == null) {
            throw new JobStepRefusedException("step " + command.index() + " of job " + id.value() + " has not started");
        }
        String name = steps.get(command.index()).name();
        if (command.error() != null) {
            apply(new JobStepFailed(id, command.index(), name, command.error()));
            apply(new JobFailed(id, deployment, "step '" + name + "' failed: " + command.error()));
            return;
        }
        // The clock Axon stamps events with, so the duration matches the events' own timestamps.
        long millis = Duration.between(stepStartedAt, GenericEventMessage.clock.instant()).toMillis();
        apply(new JobStepSucceeded(id, command.index(), name, command.detail(), book, millis));
        if (command.index() == steps.size() - 1) {
            apply(new JobSucceeded(id, deployment));
        }
    }

    /** A bounded number of retries; then the step fails with the last error. */
    @CommandHandler
    public int handle(RetryJobStep command) {
        requireNotEnded();
        requireRunning();
        requireLease(command.lease());
        requireNext(command.index());
        String name = steps.get(command.index()).name();
        if (attempts + 1 >= MAX_ATTEMPTS) {
            String error = "gave up after " + MAX_ATTEMPTS + " attempts: " + command.error();
            apply(new JobStepFailed(id, command.index(), name, error));
            apply(new JobFailed(id, deployment, "step '" + name + "' failed: " + error));
            return 0;
        }
        apply(new JobStepRetried(id, command.index(), name, command.error(), attempts + 1));
        return attempts;
    }

    /** Always accepted while the job has not ended, with or without a runner; an ended job stays as it ended. */
    @CommandHandler
    public void handle(CancelJob command) {
        if (!state.finished()) {
            apply(new JobCancelled(id, deployment, command.reason()));
        }
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire(Expiry expiry) {
        if (!state.finished()) {
            apply(new JobExpired(id, deployment, "job " + id.value() + " did not finish within "
                    + Duration.ofSeconds(timeoutSeconds) + (state == JobState.PENDING
                    ? "; no runner started it" : "; its runner stopped reporting at step " + nextStep)));
        }
    }

    private boolean alreadyReported(int index) {
        return index < nextStep || state == JobState.FAILED && index == nextStep;
    }

    private void requireNotEnded() {
        if (state.finished()) {
            throw new JobEndedException(id, state);
        }
    }

    private void requireRunning() {
        if (state != JobState.RUNNING) {
            throw new JobStepRefusedException("job " + id.value() + " is " + state.wire() + ", not running");
        }
    }

    private void requireLease(int reporting) {
        if (reporting < lease) {
            throw new JobTakenOverException(id, reporting, lease, runner);
        }
    }

    private void requireNext(int index) {
        if (index != nextStep) {
            throw new JobStepRefusedException("step " + index + " of job " + id.value() + " is not next; step "
                    + nextStep + " is");
        }
    }

    @EventSourcingHandler
    void on(JobCreated event) {
        id = event.jobId();
        deployment = event.deploymentId();
        book = event.book();
        image = event.image();
        target = event.target();
        steps = event.steps();
        timeoutSeconds = event.timeoutSeconds();
        state = JobState.PENDING;
    }

    @EventSourcingHandler
    void on(JobProgressed event) {
        lastProgress = event;
    }

    @EventSourcingHandler
    void on(JobStarted event) {
        state = JobState.RUNNING;
        runner = event.runner();
    }

    @EventSourcingHandler
    void on(JobResumed event) {
        runner = event.runner();
        lease = event.lease();
    }

    @EventSourcingHandler
    void on(JobStepStarted event, @Timestamp Instant at) {
        stepStartedAt = at;
        runner = event.runner();
    }

    @EventSourcingHandler
    void on(JobStepSucceeded event) {
        nextStep = event.index() + 1;
        stepStartedAt = null;
        attempts = 0;
    }

    @EventSourcingHandler
    void on(JobStepRetried event) {
        attempts = event.attempt();
    }

    @EventSourcingHandler
    void on(JobSucceeded event) {
        state = JobState.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(JobFailed event) {
        state = JobState.FAILED;
    }

    @EventSourcingHandler
    void on(JobCancelled event) {
        state = JobState.CANCELLED;
    }

    @EventSourcingHandler
    void on(JobExpired event) {
        state = JobState.EXPIRED;
    }

    /** The payload of the expiry deadline. */
    public record Expiry(JobId jobId) {
    }
}

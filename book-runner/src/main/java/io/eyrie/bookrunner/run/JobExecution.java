package io.eyrie.bookrunner.run;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.FinishJobStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobProgress;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.ReportJobProgress;
import io.eyrie.api.book.RetryJobStep;
import io.eyrie.api.book.StartJob;
import io.eyrie.api.book.StartJobStep;
import io.eyrie.bookrunner.driver.ClusterDrivers;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.bookrunner.driver.StepRequest;
import io.eyrie.job.JobEndedException;
import io.eyrie.job.JobTakenOverException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Works on one queued job for as long as it can go on without waiting: starts (or takes over) the job, then runs its
 * steps in order from the first that has not succeeded. A step that waits for the cluster puts the job back on the
 * queue for when it is worth asking again, so a waiting job holds no thread. It ends its entry when the job ends, or
 * when the job turns out to have been cancelled, expired or taken over.
 * <p>
 * While a runner works on an entry, db-scheduler renews its heartbeat: that is the runner's lease. If the runner
 * dies, another one revives the entry once the lease has lapsed and resumes the job. A command that fails (the
 * database is away) fails the execution, which is retried with back-off; the job's own expiry bounds the retries.
 */
@Component
public class JobExecution {
    static final String TASK = "book-job";
    private static final Duration SOONEST_CHECK = Duration.ofMillis(10);
    /** Doubled for each further attempt. */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

    private final CommandGateway commands;
    private final ClusterDrivers drivers;
    private final String runner;
    private final CustomTask<JobTicket> task;

    JobExecution(CommandGateway commands, ClusterDrivers drivers, RunnerProperties properties) {
        this.commands = commands;
        this.drivers = drivers;
        this.runner = properties.name();
        this.task = Tasks.custom(TASK, JobTicket.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1), 2.0))
                .onDeadExecution(JobExecution::takeOver)
                .execute(this::work);
    }

    CustomTask<JobTicket> task() {
        return task;
    }

    /**
     * The runner working on this entry stopped renewing its lease (it died, or hangs): queue it again at once under
     * a newer lease, so whichever runner takes it resumes the job and the old one, should it come back, is refused.
     */
    private static void takeOver(ExecutionComplete dead, ExecutionOperations<JobTicket> operations) {
        Execution execution = dead.getExecution();
        JobTicket ticket = (JobTicket) execution.taskInstance.getData();
        log.warn("Runner {} stopped renewing its lease on job {}; queueing it again for another runner",
                execution.pickedBy, ticket.jobId());
        operations.reschedule(dead, Instant.now(), ticket.takenOver());
    }

    private CompletionHandler<JobTicket> work(TaskInstance<JobTicket> instance, ExecutionContext context) {
        JobTicket ticket = instance.getData();
        JobId jobId = new JobId(ticket.jobId());
        MetaData audit = audit(ticket);
        try {
            JobProgress progress = commands.sendAndWait(message(
                    new StartJob(jobId, runner, ticket.lease(), ticket.driver(), ticket.simulated()), audit));
            return runSteps(progress, ticket.lease(), audit);
        } catch (JobEndedException | JobTakenOverException stop) {
            log.info("Stopped working on job {}: {}", jobId.value(), stop.getMessage());
            return new CompletionHandler.OnCompleteRemove<>();
        }
    }

    private CompletionHandler<JobTicket> runSteps(JobProgress progress, int lease, MetaData audit) {
        Instant startedAt = progress.stepStartedAt();
        for (int index = progress.nextStep(); index < progress.steps().size(); index++) {
            JobStep step = progress.steps().get(index);
            if (startedAt == null) {
                commands.sendAndWait(message(new StartJobStep(progress.jobId(), index, runner, lease), audit));
                startedAt = Instant.now();
            }
            Instant deadline = startedAt.plusSeconds(step.timeoutSeconds());
            boolean late = !Instant.now().isBefore(deadline);
            StepOutcome outcome = execute(progress, step, startedAt);
            if (late && outcome instanceof StepOutcome.Waiting waiting) {
                // One last look, so the error says what the step was still waiting for (a check's last answer).
                outcome = StepOutcome.failed("did not finish within " + Duration.ofSeconds(step.timeoutSeconds())
                        + "; last seen: " + waiting.progress());
            }
            switch (outcome) {
                case StepOutcome.Succeeded succeeded -> {
                    commands.sendAndWait(message(new FinishJobStep(progress.jobId(), index, runner, lease,
                            succeeded.detail(), null), audit));
                    startedAt = null;
                }
                case StepOutcome.Failed failed -> {
                    commands.sendAndWait(message(new FinishJobStep(progress.jobId(), index, runner, lease,
                            null, failed.error()), audit));
                    return new CompletionHandler.OnCompleteRemove<>();
                }
                case StepOutcome.Retryable retryable -> {
                    int attempt = commands.sendAndWait(message(new RetryJobStep(progress.jobId(), index, runner, lease,
                            retryable.error()), audit));
                    if (attempt == 0) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    Instant next = Instant.now().plus(RETRY_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6)));
                    Instant at = next.isBefore(deadline) ? next : deadline;
                    return (complete, operations) -> operations.reschedule(complete, at);
                }
                case StepOutcome.Waiting waiting -> {
                    if (waiting.rollout() != null) {
                        commands.sendAndWait(message(new ReportJobProgress(progress.jobId(), index, runner, lease,
                                waiting.rollout().percent(), waiting.progress(), waiting.rollout().services()), audit));
                    }
                    Instant next = Instant.now().plus(waiting.checkAgainIn().compareTo(SOONEST_CHECK) < 0
                            ? SOONEST_CHECK : waiting.checkAgainIn());
                    Instant at = next.isBefore(deadline) ? next : deadline;
                    return (complete, operations) -> operations.reschedule(complete, at);
                }
            }
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** A driver that throws could not carry the step out at all; that fails the step, with its message. */
    private StepOutcome execute(JobProgress progress, JobStep step, Instant startedAt) {
        try {
            return drivers.execute(new StepRequest(progress.jobId().value(), progress.deploymentId().value(), progress.book(), step,
                    progress.image(), startedAt, progress.target()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during '" + step.name() + "'; the job resumes elsewhere", e);
        } catch (Exception e) {
            log.warn("Step '{}' of job {} failed", step.name(), progress.jobId().value(), e);
            return StepOutcome.failed(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    /** Sent outside any unit of work, so the job's audit metadata is attached by hand. */
    private static GenericCommandMessage<Object> message(Object command, MetaData audit) {
        return new GenericCommandMessage<>(command, audit);
    }

    private static MetaData audit(JobTicket ticket) {
        Map<String, Object> values = new HashMap<>();
        values.put(AuditMetaData.INITIATOR, ticket.initiator());
        values.put(AuditMetaData.CORRELATION_ID, ticket.correlationId());
        values.put(AuditMetaData.CAUSATION_ID, ticket.causationId());
        values.values().removeIf(java.util.Objects::isNull);
        return MetaData.from(values);
    }
}

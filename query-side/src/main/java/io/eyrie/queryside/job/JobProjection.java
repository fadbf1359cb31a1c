package io.eyrie.queryside.job;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.FindJob;
import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobExpired;
import io.eyrie.api.book.JobFailed;
import io.eyrie.api.book.JobProgressed;
import io.eyrie.api.book.JobResumed;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobStepFailed;
import io.eyrie.api.book.JobStepRetried;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.JobView;
import io.eyrie.api.book.ListDeploymentJobs;
import io.eyrie.api.book.WatchJob;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.QueueHeld;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.QueuedActionRefused;
import io.eyrie.api.deployment.RedeploySkipped;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.query.LiveView;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.job.JobDocument.StepDocument;
import io.eyrie.queryside.live.LiveRelay;
import io.eyrie.queryside.live.LiveViews;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps one document per Book job, with its steps, and answers {@link FindJob} and {@link ListDeploymentJobs}.
 * <p>
 * A job's events come from its own aggregate and from its deployment's (queued, started, released), all ordered by
 * the job id (see {@code ReadModel.JOBS}), so the document follows the job's state machine. All writes set absolute
 * values keyed by the job id, so handling an event twice changes nothing. Documents are read by id, changed in
 * memory and written once per batch of events through {@link ReadModelBatch}; that read-then-write is safe because
 * all events of one job go to one segment of the processor, so each document has one writer.
 */
@Component
@ProcessingGroup("dashboard-jobs")
public class JobProjection {
    private final MongoTemplate mongo;
    private final QueryUpdateEmitter live;
    private final LiveRelay relay;

    public JobProjection(MongoTemplate mongo, QueryUpdateEmitter live, LiveRelay relay) {
        this.mongo = mongo;
        this.live = live;
        this.relay = relay;
        LiveViews.follow(relay, live, "job", WatchJob.class, (query, id) -> query.jobId().value().equals(id),
                id -> handle(new WatchJob(new JobId(id))));
    }

    /** Everything the job will do is known from the start: its steps are copied from its Book. */
    @EventHandler
    public void on(JobCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId, @Timestamp Instant at) {
        JobDocument job = jobs().findOrCreate(event.jobId().value(), JobDocument::withId);
        job.deploymentId = event.deploymentId().value();
        job.project = event.project().value();
        job.action = event.action();
        job.book = event.book();
        job.bookVersion = event.bookVersion();
        if (job.initiator == null) {
            job.initiator = initiator;
            job.correlationId = correlationId;
            job.scheduledAt = at;
        }
        job.state = JobState.PENDING;
        if (job.services.isEmpty()) {
            event.target().services().forEach(service -> job.services.put(service.name(), JobState.PENDING));
        }
        job.steps = IntStream.range(0, event.steps().size())
                .mapToObj(index -> StepDocument.pending(index, event.steps().get(index).name(),
                        event.steps().get(index).estimatedSeconds()))
                .collect(Collectors.toCollection(ArrayList::new));
        jobs().save(job);
    }

    /** A queued action is a job in state queued until it starts; it is scheduled when it was asked for. */
    @EventHandler
    public void on(ActionQueued event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId, @Timestamp Instant at) {
        JobDocument job = jobs().findOrCreate(event.jobId().value(), JobDocument::withId);
        job.deploymentId = event.deploymentId().value();
        job.project = event.project().value();
        job.action = event.action();
        job.initiator = initiator;
        job.reason = event.reason();
        job.correlationId = correlationId;
        job.scheduledAt = at;
        job.error = "waiting: " + event.heldBy();
        if (job.state == null) {
            job.state = JobState.QUEUED;
        }
        jobs().save(job);
    }

    /** Who asked, even when the job waited behind someone else's and was made when that one ended. */
    @EventHandler
    public void on(ActionStarted event, @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId,
                   @Timestamp Instant at) {
        JobDocument job = jobs().findOrCreate(event.jobId().value(), JobDocument::withId);
        job.deploymentId = event.deploymentId().value();
        job.project = event.project().value();
        job.action = event.action();
        job.initiator = event.requestedBy();
        job.reason = event.reason();
        if (job.scheduledAt == null) {
            job.scheduledAt = at;
            job.correlationId = correlationId;
        }
        if (job.state == null || job.state == JobState.QUEUED) {
            job.state = JobState.PENDING;
            job.error = null;
        }
        jobs().save(job);
    }

    @EventHandler
    public void on(QueueHeld event) {
        jobs().find(event.jobId().value()).ifPresent(job -> {
            job.error = "waiting: " + event.heldBy();
            jobs().save(job);
        });
    }

    @EventHandler
    public void on(QueuedActionCancelled event, @Timestamp Instant at) {
        jobs().find(event.jobId().value()).ifPresent(job -> {
            job.state = JobState.CANCELLED;
            job.error = event.reason();
            job.finishedAt = at;
            jobs().save(job);
        });
    }

    @EventHandler
    public void on(QueuedActionRefused event, @Timestamp Instant at) {
        jobs().find(event.jobId().value()).ifPresent(job -> {
            job.state = JobState.FAILED;
            job.error = "refused when its turn came: " + event.reason();
            job.finishedAt = at;
            jobs().save(job);
        });
    }

    /** A queued redeploy that found nothing to change ran nothing, which is what it was asked to make true. */
    @EventHandler
    public void on(RedeploySkipped event, @Timestamp Instant at) {
        if (event.jobId() != null) {
            jobs().find(event.jobId().value()).ifPresent(job -> {
                job.state = JobState.SUCCEEDED;
                job.error = null;
                job.reason = "nothing differs from the active release v" + event.activeRelease() + "; nothing ran";
                job.finishedAt = at;
                jobs().save(job);
            });
        }
    }

    /** A deploy's job shows its strategy; the release is recorded just before the job is made. */
    @EventHandler
    public void on(ReleaseRecorded event) {
        if (event.release().jobId() != null) {
            JobDocument job = jobs().findOrCreate(event.release().jobId().value(), JobDocument::withId);
            job.strategy = event.release().strategy();
            jobs().save(job);
        }
    }

    @EventHandler
    public void on(JobProgressed event) {
        change(event.jobId().value(), job -> {
            job.stepPercent = event.percent();
            job.phase = event.phase();
            event.services().forEach(job.services::put);
        });
    }

    @EventHandler
    public void on(JobStarted event, @Timestamp Instant at) {
        change(event.jobId().value(), job -> {
            job.runner = event.runner();
            job.driver = event.driver();
            job.simulated = event.simulated();
            job.startedAt = at;
            job.state = JobState.RUNNING;
        });
    }

    @EventHandler
    public void on(JobResumed event) {
        change(event.jobId().value(), job -> job.runner = event.runner());
    }

    @EventHandler
    public void on(JobStepStarted event, @Timestamp Instant at) {
        updateStep(event.jobId().value(), event.index(), step -> {
            step.state = JobState.RUNNING;
            step.startedAt = at;
        });
    }

    @EventHandler
    public void on(JobStepSucceeded event, @Timestamp Instant at) {
        change(event.jobId().value(), job -> {
            job.stepPercent = null;
            job.phase = null;
        });
        updateStep(event.jobId().value(), event.index(), step -> {
            step.state = JobState.SUCCEEDED;
            step.finishedAt = at;
            step.detail = event.detail();
        });
    }

    /** The step runs on; its detail says why it is being tried again. */
    @EventHandler
    public void on(JobStepRetried event) {
        updateStep(event.jobId().value(), event.index(), step -> step.detail = "attempt " + event.attempt()
                + " failed, trying again: " + event.error());
    }

    @EventHandler
    public void on(JobStepFailed event, @Timestamp Instant at) {
        updateStep(event.jobId().value(), event.index(), step -> {
            step.state = JobState.FAILED;
            step.finishedAt = at;
            step.error = event.error();
        });
    }

    @EventHandler
    public void on(JobSucceeded event, @Timestamp Instant at) {
        finish(event.jobId().value(), JobState.SUCCEEDED, null, at);
    }

    @EventHandler
    public void on(JobFailed event, @Timestamp Instant at) {
        finish(event.jobId().value(), JobState.FAILED, event.error(), at);
    }

    @EventHandler
    public void on(JobCancelled event, @Timestamp Instant at) {
        finish(event.jobId().value(), JobState.CANCELLED, event.reason(), at);
    }

    @EventHandler
    public void on(JobExpired event, @Timestamp Instant at) {
        finish(event.jobId().value(), JobState.EXPIRED, event.error(), at);
    }

    @QueryHandler
    public Optional<LiveView> handle(WatchJob query) {
        return Optional.ofNullable(mongo.findById(query.jobId().value(), JobDocument.class))
                .map(job -> new LiveView(job.revision, job.toView()));
    }

    @QueryHandler
    public Optional<JobView> handle(FindJob query) {
        return Optional.ofNullable(mongo.findById(query.jobId().value(), JobDocument.class)).map(JobDocument::toView);
    }

    /** Newest first, served by the index on (deploymentId, scheduledAt); the cursor is the last one's key. */
    @QueryHandler
    public Page<JobView> handle(ListDeploymentJobs query) {
        String deployment = query.deploymentId().value();
        Criteria matching = where("deploymentId").is(deployment);
        if (query.state() != null) {
            matching = matching.and("state").is(query.state().name());
        }
        if (query.action() != null) {
            matching = matching.and("action").is(query.action().name());
        }
        Query byDeployment = Query.query(matching)
                .with(Sort.by(Sort.Order.desc("scheduledAt"), Sort.Order.desc("_id")))
                .limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            String[] last = Cursors.parts(query.page().after(), 2);
            Instant at = Cursors.instant(last[0]);
            byDeployment.addCriteria(new Criteria().orOperator(where("scheduledAt").lt(at),
                    where("scheduledAt").is(at).and("_id").lt(last[1])));
        }
        List<JobDocument> found = mongo.find(byDeployment, JobDocument.class);
        return Cursors.page(found, query.page().limit(), JobDocument::toView, job -> job.scheduledAt() + "|" + job.id(),
                mongo.count(Query.query(matching), JobDocument.class));
    }

    /** A step that was running when the job ended (it was cancelled, or expired) ends with it. */
    private void finish(String jobId, JobState state, String error, Instant at) {
        change(jobId, job -> {
            job.state = state;
            job.stepPercent = null;
            job.phase = null;
            // A service it was rolling out ends with it; one it never reached stays pending.
            job.services.replaceAll((service, was) -> state == JobState.SUCCEEDED ? JobState.SUCCEEDED
                    : was == JobState.RUNNING ? (state == JobState.CANCELLED ? JobState.CANCELLED : JobState.FAILED) : was);
            job.error = error;
            job.finishedAt = at;
            job.steps.stream().filter(step -> step.state == JobState.RUNNING).forEach(step -> {
                step.state = state;
                step.finishedAt = at;
            });
        });
    }

    /** Every event of a job follows its JobCreated in the job's own stream, so the document exists. */
    private void change(String jobId, Consumer<JobDocument> edit) {
        JobDocument job = jobs().find(jobId).orElseThrow(() -> new IllegalStateException(
                "job " + jobId + " has no document: its JobCreated was not handled"));
        edit.accept(job);
        jobs().save(job);
    }

    private void updateStep(String jobId, int index, Consumer<StepDocument> change) {
        change(jobId, job -> change.accept(job.steps.get(index)));
    }

    private ReadModelBatch<JobDocument> jobs() {
        return ReadModelBatch.current(mongo, JobDocument.class, job -> job.id, this::written);
    }

    /** After the batch committed: each changed job to its live streams here, in order, and to other instances. */
    private void written(List<JobDocument> written) {
        for (JobDocument job : written) {
            LiveViews.emit(live, WatchJob.class, query -> query.jobId().value().equals(job.id),
                    () -> new LiveView(job.revision, job.toView()), "Job " + job.id);
        }
        relay.changed("job", written.stream().map(job -> job.id).toList());
    }

}

package io.eyrie.queryside.job;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunStarted;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.BookStepFailed;
import io.eyrie.api.book.BookStepStarted;
import io.eyrie.api.book.BookStepSucceeded;
import io.eyrie.api.book.FindJob;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobView;
import io.eyrie.api.book.ListDeploymentJobs;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.queryside.DashboardProcessing;
import io.eyrie.queryside.job.JobDocument.StepDocument;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps one document per Book job, with its steps, and answers {@link FindJob} and {@link ListDeploymentJobs}.
 * <p>
 * A job's events come from several aggregates (the deployment's and the run's among them), and a late run may
 * follow a job the deployment already gave up on. Hence a job's state only moves forward here, except when its run
 * reports the outcome: that is what really happened. All writes set absolute values keyed by the job id, so
 * handling an event twice changes nothing. Conditions are checked on the document read by id, not in the update's
 * filter: a filter on more than {@code _id} is a full collection scan on the embedded MongoDB stand-in. That
 * read-then-write is safe because the dashboard processor runs one segment, so one writer.
 */
@Component
@ProcessingGroup(DashboardProcessing.GROUP)
public class JobProjection {
    private static final List<JobState> FINISHED = List.of(JobState.SUCCEEDED, JobState.FAILED);

    private final MongoTemplate mongo;

    public JobProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Queued only when the job is new: its run may already have been handled. */
    @EventHandler
    public void on(BookJobScheduled event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId, @Timestamp Instant at) {
        Update update = new Update()
                .set("deploymentId", event.deploymentId())
                .set("action", event.action())
                .set("book", event.book())
                .set("initiator", initiator)
                .set("correlationId", correlationId)
                .set("scheduledAt", at)
                .setOnInsert("state", JobState.QUEUED);
        mongo.upsert(byId(event.jobId()), update, JobDocument.class);
    }

    @EventHandler
    public void on(BookRunStarted event, @Timestamp Instant at) {
        List<StepDocument> steps = IntStream.range(0, event.steps().size())
                .mapToObj(index -> StepDocument.pending(index, event.steps().get(index)))
                .toList();
        Update update = new Update()
                .set("deploymentId", event.deploymentId())
                .set("book", event.book())
                .set("driver", event.driver())
                .set("simulated", event.simulated())
                .set("startedAt", at)
                .set("steps", steps);
        // A job the deployment already gave up on (its saga timed out) stays failed.
        if (find(event.jobId()).map(job -> !FINISHED.contains(job.state())).orElse(true)) {
            update.set("state", JobState.RUNNING);
        }
        mongo.upsert(byId(event.jobId()), update, JobDocument.class);
    }

    @EventHandler
    public void on(BookStepStarted event, @Timestamp Instant at) {
        updateStep(event.jobId(), event.index(), new Update()
                .set(step(event.index(), "state"), JobState.RUNNING)
                .set(step(event.index(), "startedAt"), at));
    }

    @EventHandler
    public void on(BookStepSucceeded event, @Timestamp Instant at) {
        updateStep(event.jobId(), event.index(), new Update()
                .set(step(event.index(), "state"), JobState.SUCCEEDED)
                .set(step(event.index(), "finishedAt"), at)
                .set(step(event.index(), "detail"), event.detail()));
    }

    @EventHandler
    public void on(BookStepFailed event, @Timestamp Instant at) {
        updateStep(event.jobId(), event.index(), new Update()
                .set(step(event.index(), "state"), JobState.FAILED)
                .set(step(event.index(), "finishedAt"), at)
                .set(step(event.index(), "error"), event.error()));
    }

    @EventHandler
    public void on(BookRunSucceeded event, @Timestamp Instant at) {
        finish(event.jobId(), event.deploymentId(), JobState.SUCCEEDED, null, at);
    }

    @EventHandler
    public void on(BookRunFailed event, @Timestamp Instant at) {
        finish(event.jobId(), event.deploymentId(), JobState.FAILED, event.error(), at);
    }

    /** The deployment gave up on a job that never finished, for instance because it timed out. */
    @EventHandler
    public void on(ActionFailed event, @Timestamp Instant at) {
        boolean unfinished = find(event.jobId())
                .map(job -> job.state() == JobState.QUEUED || job.state() == JobState.RUNNING).orElse(false);
        if (unfinished) {
            Update update = new Update()
                    .set("state", JobState.FAILED)
                    .set("error", event.error())
                    .set("finishedAt", at);
            mongo.updateFirst(byId(event.jobId()), update, JobDocument.class);
        }
    }

    @ResetHandler
    public void reset() {
        mongo.remove(new Query(), JobDocument.class);
    }

    @QueryHandler
    public Optional<JobView> handle(FindJob query) {
        return Optional.ofNullable(mongo.findById(query.jobId(), JobDocument.class)).map(JobDocument::toView);
    }

    /** Newest first, served by the index on (deploymentId, scheduledAt). */
    @QueryHandler
    public List<JobView> handle(ListDeploymentJobs query) {
        Query byDeployment = Query.query(where("deploymentId").is(query.deploymentId()))
                .with(Sort.by(Sort.Order.desc("scheduledAt"), Sort.Order.desc("id")));
        return mongo.find(byDeployment, JobDocument.class).stream().map(JobDocument::toView).toList();
    }

    private void finish(String jobId, String deploymentId, JobState state, String error, Instant at) {
        Update update = new Update()
                .set("deploymentId", deploymentId)
                .set("state", state)
                .set("error", error)
                .set("finishedAt", at);
        mongo.upsert(byId(jobId), update, JobDocument.class);
    }

    /**
     * Steps only exist once the run announced them; an index outside that list is ignored rather than padding
     * the array with holes.
     */
    private void updateStep(String jobId, int index, Update update) {
        boolean announced = find(jobId).map(job -> job.steps() != null && index < job.steps().size()).orElse(false);
        if (announced) {
            mongo.updateFirst(byId(jobId), update, JobDocument.class);
        }
    }

    private Optional<JobDocument> find(String jobId) {
        return Optional.ofNullable(mongo.findById(jobId, JobDocument.class));
    }

    private static String step(int index, String field) {
        return "steps." + index + "." + field;
    }

    private static Query byId(String jobId) {
        return Query.query(where("_id").is(jobId));
    }
}

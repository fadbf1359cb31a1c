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
import io.eyrie.api.query.Page;
import io.eyrie.queryside.DashboardProcessing;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.job.JobDocument.StepDocument;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
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
 * A job's events come from several aggregates (the deployment's and the run's among them), and a late run may
 * follow a job the deployment already gave up on. Hence a job's state only moves forward here, except when its run
 * reports the outcome: that is what really happened. All writes set absolute values keyed by the job id, so
 * handling an event twice changes nothing. Documents are read by id, changed in memory and written once per batch
 * of events through {@link ReadModelBatch}; that read-then-write is safe because the dashboard processor runs one
 * segment, so one writer.
 */
@Component
@ProcessingGroup(DashboardProcessing.GROUP)
public class JobProjection {
    private final MongoTemplate mongo;

    public JobProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Queued only when the job is new: its run may already have been handled. */
    @EventHandler
    public void on(BookJobScheduled event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @MetaDataValue(AuditMetaData.CORRELATION_ID) String correlationId, @Timestamp Instant at) {
        JobDocument job = jobs().findOrCreate(event.jobId().value(), JobDocument::withId);
        job.deploymentId = event.deploymentId().value();
        job.project = event.project().value();
        job.action = event.action();
        job.book = event.book();
        job.initiator = initiator;
        job.correlationId = correlationId;
        job.scheduledAt = at;
        if (job.state == null) {
            job.state = JobState.QUEUED;
        }
        jobs().save(job);
    }

    @EventHandler
    public void on(BookRunStarted event, @Timestamp Instant at) {
        JobDocument job = jobs().findOrCreate(event.jobId().value(), JobDocument::withId);
        job.deploymentId = event.deploymentId().value();
        job.book = event.book();
        job.driver = event.driver();
        job.simulated = event.simulated();
        job.startedAt = at;
        job.steps = IntStream.range(0, event.steps().size())
                .mapToObj(index -> StepDocument.pending(index, event.steps().get(index)))
                .collect(Collectors.toCollection(ArrayList::new));
        // A job the deployment already gave up on (its saga timed out) stays failed.
        if (!job.finished()) {
            job.state = JobState.RUNNING;
        }
        jobs().save(job);
    }

    @EventHandler
    public void on(BookStepStarted event, @Timestamp Instant at) {
        updateStep(event.jobId().value(), event.index(), step -> {
            step.state = JobState.RUNNING;
            step.startedAt = at;
        });
    }

    @EventHandler
    public void on(BookStepSucceeded event, @Timestamp Instant at) {
        updateStep(event.jobId().value(), event.index(), step -> {
            step.state = JobState.SUCCEEDED;
            step.finishedAt = at;
            step.detail = event.detail();
        });
    }

    @EventHandler
    public void on(BookStepFailed event, @Timestamp Instant at) {
        updateStep(event.jobId().value(), event.index(), step -> {
            step.state = JobState.FAILED;
            step.finishedAt = at;
            step.error = event.error();
        });
    }

    @EventHandler
    public void on(BookRunSucceeded event, @Timestamp Instant at) {
        finish(event.jobId().value(), event.deploymentId().value(), JobState.SUCCEEDED, null, at);
    }

    @EventHandler
    public void on(BookRunFailed event, @Timestamp Instant at) {
        finish(event.jobId().value(), event.deploymentId().value(), JobState.FAILED, event.error(), at);
    }

    /** The deployment gave up on a job that never finished, for instance because it timed out. */
    @EventHandler
    public void on(ActionFailed event, @Timestamp Instant at) {
        jobs().find(event.jobId().value())
                .filter(job -> job.state == JobState.QUEUED || job.state == JobState.RUNNING)
                .ifPresent(job -> {
                    job.state = JobState.FAILED;
                    job.error = event.error();
                    job.finishedAt = at;
                    jobs().save(job);
                });
    }

    @ResetHandler
    public void reset() {
        mongo.remove(new Query(), JobDocument.class);
    }

    @QueryHandler
    public Optional<JobView> handle(FindJob query) {
        return Optional.ofNullable(mongo.findById(query.jobId().value(), JobDocument.class)).map(JobDocument::toView);
    }

    /** Newest first, served by the index on (deploymentId, scheduledAt); the cursor is the last one's key. */
    @QueryHandler
    public Page<JobView> handle(ListDeploymentJobs query) {
        String deployment = query.deploymentId().value();
        Query byDeployment = Query.query(where("deploymentId").is(deployment))
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
                mongo.count(Query.query(where("deploymentId").is(deployment)), JobDocument.class));
    }

    /** The run reports what really happened, so its outcome overrides a time-out recorded before it. */
    private void finish(String jobId, String deploymentId, JobState state, String error, Instant at) {
        JobDocument job = jobs().findOrCreate(jobId, JobDocument::withId);
        job.deploymentId = deploymentId;
        job.state = state;
        job.error = error;
        job.finishedAt = at;
        jobs().save(job);
    }

    /**
     * Steps only exist once the run announced them; an index outside that list is ignored rather than padding
     * the array with holes.
     */
    private void updateStep(String jobId, int index, Consumer<StepDocument> change) {
        jobs().find(jobId)
                .filter(job -> index < job.steps.size())
                .ifPresent(job -> {
                    change.accept(job.steps.get(index));
                    jobs().save(job);
                });
    }

    private ReadModelBatch<JobDocument> jobs() {
        return ReadModelBatch.current(mongo, JobDocument.class, job -> job.id);
    }

}

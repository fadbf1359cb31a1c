package io.eyrie.queryside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobState;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.FindRelease;
import io.eyrie.api.deployment.InitialReleaseRecorded;
import io.eyrie.api.deployment.ListDeploymentReleases;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.deployment.ReleaseView;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Every release of every deployment, with how the job that deployed it ended. A release is found from its job by
 * the job's id, which the release names; every write sets absolute values, so a replay changes nothing.
 */
@Component
@ProcessingGroup("dashboard-deployments")
public class ReleaseProjection {
    private final MongoTemplate mongo;

    public ReleaseProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(ReleaseRecorded event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        record(ReleaseDocument.of(event.deploymentId().value(), event.release()), initiator, at);
    }

    @EventHandler
    public void on(InitialReleaseRecorded event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        ReleaseDocument adopted = ReleaseDocument.of(event.deploymentId().value(), event.release());
        adopted.outcome = JobState.SUCCEEDED;
        record(adopted, initiator, at);
    }

    @EventHandler
    public void on(ActionCompleted event) {
        ended(event.deploymentId(), event.jobId(), JobState.SUCCEEDED);
    }

    @EventHandler
    public void on(ActionFailed event) {
        ended(event.deploymentId(), event.jobId(), JobState.FAILED);
    }

    @EventHandler
    public void on(ActionCancelled event) {
        ended(event.deploymentId(), event.jobId(), JobState.CANCELLED);
    }

    /** Newest first; the cursor is the last version shown. */
    @QueryHandler
    public Page<ReleaseView> handle(ListDeploymentReleases query) {
        String deployment = query.deploymentId().value();
        Query releases = Query.query(where("deploymentId").is(deployment))
                .with(Sort.by(Sort.Order.desc("version"))).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            releases.addCriteria(where("version").lt(Cursors.number(query.page().after())));
        }
        Integer active = activeRelease(deployment);
        return Cursors.page(mongo.find(releases, ReleaseDocument.class), query.page().limit(),
                release -> release.toView(active), release -> String.valueOf(release.version()),
                mongo.count(Query.query(where("deploymentId").is(deployment)), ReleaseDocument.class));
    }

    @QueryHandler
    public Optional<ReleaseView> handle(FindRelease query) {
        String deployment = query.deploymentId().value();
        return Optional.ofNullable(mongo.findById(ReleaseDocument.id(deployment, query.version()), ReleaseDocument.class))
                .map(release -> release.toView(activeRelease(deployment)));
    }

    private Integer activeRelease(String deployment) {
        DeploymentCardDocument card = mongo.findById(deployment, DeploymentCardDocument.class);
        return card == null ? null : card.activeRelease;
    }

    /** Only a job that deployed a release has one; a restore or a pause finds none. */
    private void ended(DeploymentId deployment, JobId job, JobState outcome) {
        jobs().find(deployment.value()).map(known -> known.versions.get(job.value()))
                .flatMap(version -> releases().find(ReleaseDocument.id(deployment.value(), version)))
                .ifPresent(release -> {
                    release.outcome = outcome;
                    releases().save(release);
                });
    }

    private void record(ReleaseDocument release, String initiator, Instant at) {
        release.initiator = initiator;
        release.createdAt = at;
        releases().save(release);
        if (release.release.jobId() != null) {
            ReleaseJobsDocument jobs = jobs().findOrCreate(release.deploymentId, ReleaseJobsDocument::of);
            jobs.versions.put(release.release.jobId().value(), release.release.version());
            jobs().save(jobs);
        }
    }

    private ReadModelBatch<ReleaseJobsDocument> jobs() {
        return ReadModelBatch.current(mongo, ReleaseJobsDocument.class, document -> document.deploymentId);
    }

    private ReadModelBatch<ReleaseDocument> releases() {
        return ReadModelBatch.current(mongo, ReleaseDocument.class, document -> document.id);
    }
}

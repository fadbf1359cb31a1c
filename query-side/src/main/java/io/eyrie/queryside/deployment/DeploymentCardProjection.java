package io.eyrie.queryside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookRunStarted;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionRequested;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.queryside.DashboardProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps one dashboard card per deployment and answers {@link FindDeploymentCard}.
 * <p>
 * Every write sets absolute values keyed by the deployment id, so handling an event again (after a crash between
 * a write and the token update, or on a replay) leaves the card as it was.
 */
@Component
@ProcessingGroup(DashboardProcessing.GROUP)
public class DeploymentCardProjection {
    private final MongoTemplate mongo;

    public DeploymentCardProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(DeploymentCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        Update update = updatedBy(initiator, at)
                .set("name", event.name())
                .set("project", event.project())
                .set("group", event.group())
                .set("type", event.type())
                .set("scope", event.scope())
                .set("image", event.image())
                .set("lifecycle", Lifecycle.DRAFT)
                .set("status", DeploymentStatus.READY)
                .set("error", null)
                .set("runningJobIds", List.of())
                .set("lastJobId", null)
                .set("createdBy", initiator)
                .set("createdAt", at);
        mongo.upsert(byId(event.deploymentId()), update, DeploymentCardDocument.class);
    }

    @EventHandler
    public void on(ActionRequested event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        Update update = updatedBy(initiator, at)
                .set("status", DeploymentStatus.QUEUED)
                .set("lastJobId", event.jobId())
                .addToSet("runningJobIds", event.jobId());
        mongo.upsert(byId(event.deploymentId()), update, DeploymentCardDocument.class);
    }

    /**
     * The run comes from another aggregate, so it may be handled after the action already finished, or after a
     * newer action replaced it: only the latest job, while still running, may show the card as running.
     */
    @EventHandler
    public void on(BookRunStarted event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        DeploymentCardDocument card = mongo.findById(event.deploymentId(), DeploymentCardDocument.class);
        boolean stillLatestAndRunning = card != null && event.jobId().equals(card.lastJobId())
                && card.runningJobIds() != null && card.runningJobIds().contains(event.jobId());
        if (stillLatestAndRunning) {
            mongo.updateFirst(byId(event.deploymentId()), updatedBy(initiator, at).set("status", DeploymentStatus.RUNNING),
                    DeploymentCardDocument.class);
        }
    }

    @EventHandler
    public void on(ActionCompleted event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        Update update = updatedBy(initiator, at)
                .set("lifecycle", event.lifecycle())
                .set("status", DeploymentStatus.OK)
                .set("error", null)
                .pull("runningJobIds", event.jobId());
        mongo.upsert(byId(event.deploymentId()), update, DeploymentCardDocument.class);
    }

    /** A failed action leaves the lifecycle where it was: a failed deploy is not deployed. */
    @EventHandler
    public void on(ActionFailed event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        Update update = updatedBy(initiator, at)
                .set("status", DeploymentStatus.ERROR)
                .set("error", event.error())
                .pull("runningJobIds", event.jobId());
        mongo.upsert(byId(event.deploymentId()), update, DeploymentCardDocument.class);
    }

    @ResetHandler
    public void reset() {
        mongo.remove(new Query(), DeploymentCardDocument.class);
    }

    @QueryHandler
    public Optional<DeploymentCard> handle(FindDeploymentCard query) {
        return Optional.ofNullable(mongo.findById(query.deploymentId(), DeploymentCardDocument.class))
                .map(DeploymentCardDocument::toCard);
    }

    private static Query byId(String deploymentId) {
        return Query.query(where("_id").is(deploymentId));
    }

    private static Update updatedBy(String initiator, Instant at) {
        return new Update().set("updatedBy", initiator).set("updatedAt", at);
    }
}

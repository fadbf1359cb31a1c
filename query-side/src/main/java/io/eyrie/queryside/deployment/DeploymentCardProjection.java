package io.eyrie.queryside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.DeploymentUnpinned;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.api.deployment.InitialReleaseRecorded;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.ListGroupDeployments;
import io.eyrie.api.deployment.QueueHeld;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.QueuedActionRefused;
import io.eyrie.api.deployment.RedeploySkipped;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.deployment.ScopeTimerSkipped;
import io.eyrie.api.deployment.WatchDeploymentCard;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.query.LiveView;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.FieldWrites;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.group.GroupPolicies;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps one dashboard card per deployment and answers {@link FindDeploymentCard}.
 * <p>
 * Every change sets absolute values on the card found by the deployment id, so handling an event again (after a
 * crash between a write and the token update, or on a replay) leaves the card as it was. Cards are written once per
 * batch of events, through {@link ReadModelBatch}.
 */
@Component
@ProcessingGroup("dashboard-deployments")
public class DeploymentCardProjection {
    private final MongoTemplate mongo;
    private final GroupPolicies groups;
    private final QueryUpdateEmitter live;
    private final LiveRelay relay;

    public DeploymentCardProjection(MongoTemplate mongo, GroupPolicies groups, QueryUpdateEmitter live,
                                    LiveRelay relay) {
        this.mongo = mongo;
        this.groups = groups;
        this.live = live;
        this.relay = relay;
        LiveViews.follow(relay, live, "card", WatchDeploymentCard.class,
                (query, id) -> query.deploymentId().value().equals(id),
                id -> handle(new WatchDeploymentCard(new DeploymentId(id))));
    }

    @EventHandler
    public void on(DeploymentCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        DeploymentCardDocument card = DeploymentCardDocument.withId(event.deploymentId().value());
        card.name = event.name();
        card.project = event.project().value();
        card.groupId = event.group().value();
        card.group = event.groupName();
        card.type = event.type().name();
        card.spec = event.spec();
        card.version = 1;
        card.kubernetesNamespace = event.kubernetesNamespace();
        card.lifecycle = Lifecycle.DRAFT;
        card.status = DeploymentStatus.READY;
        card.createdBy = initiator;
        card.createdAt = at;
        card.touchedBy(initiator, at);
        save(card);
    }

    /** Versions only move forward, so a replayed older change never undoes a newer one. */
    @EventHandler
    public void on(DeploymentChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        cards().find(event.deploymentId().value())
                .filter(card -> card.version < event.version())
                .ifPresent(card -> {
                    card.spec = event.after();
                    card.version = event.version();
                    card.touchedBy(initiator, at);
                    save(card);
                });
    }

    @EventHandler
    public void on(ActionQueued event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.queued(event.jobId().value());
            card.status = event.status();
        });
    }

    @EventHandler
    public void on(QueueHeld event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator, @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> card.status = event.status());
    }

    @EventHandler
    public void on(QueuedActionCancelled event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.dequeued(event.jobId().value());
            card.status = event.status();
        });
    }

    @EventHandler
    public void on(QueuedActionRefused event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.dequeued(event.jobId().value());
            card.status = event.status();
        });
    }

    @EventHandler
    public void on(RedeploySkipped event) {
        if (event.jobId() != null) {
            change(event.deploymentId(), null, null, card -> card.dequeued(event.jobId().value()));
        }
    }

    @EventHandler
    public void on(ReleaseRecorded event) {
        if (event.release().rollbackOf() != null) {
            change(event.deploymentId(), null, null, card -> card.pinnedAt = event.release().version());
        }
    }

    @EventHandler
    public void on(InitialReleaseRecorded event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.activeRelease = event.release().version();
            card.lifecycle = Lifecycle.DEPLOY;
            card.status = DeploymentStatus.DEPLOYED;
        });
    }

    @EventHandler
    public void on(ScopeTimerSkipped event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            if (event.action() == Action.PAUSE) {
                card.pauseAt = null;
            } else {
                card.dropAt = null;
            }
        });
    }

    @EventHandler
    public void on(DeploymentUnpinned event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> card.pinnedAt = null);
    }

    @EventHandler
    public void on(ActionStarted event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.dequeued(event.jobId().value());
            card.status = event.status();
            card.lastJobId = event.jobId().value();
            card.jobStarted(event.jobId().value());
        });
    }

    @EventHandler
    public void on(CancelRequested event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> card.status = event.status());
    }

    /** A cancelled action leaves the lifecycle where it was; a restore of the active release may follow. */
    @EventHandler
    public void on(ActionCancelled event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.status = event.status();
            card.error = null;
            card.jobEnded(event.jobId().value());
        });
    }

    @EventHandler
    public void on(ActionCompleted event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.lifecycle = event.lifecycle();
            card.status = event.status();
            card.activeRelease = event.activeRelease();
            card.pauseAt = event.pauseAt();
            card.dropAt = event.dropAt();
            card.error = null;
            card.jobEnded(event.jobId().value());
        });
    }

    /** A failed action leaves the lifecycle and the active release where they were: a failed deploy is not deployed. */
    @EventHandler
    public void on(ActionFailed event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.deploymentId(), initiator, at, card -> {
            card.status = event.status();
            card.error = event.error();
            card.jobEnded(event.jobId().value());
        });
    }

    @EventHandler
    public void on(MonitorCreated event) {
        monitors(event.deploymentId(), states -> states.putIfAbsent(event.monitorId().value(), MonitorState.UNKNOWN));
    }

    @EventHandler
    public void on(MonitorStateChanged event) {
        monitors(event.deploymentId(), states -> states.put(event.monitorId().value(), event.to()));
    }

    @EventHandler
    public void on(MonitorChecksStopped event) {
        monitors(event.deploymentId(), states -> states.put(event.monitorId().value(), MonitorState.UNKNOWN));
    }

    @EventHandler
    public void on(MonitorRemoved event) {
        monitors(event.deploymentId(), states -> states.remove(event.monitorId().value()));
    }

    /** A check is not a change of the deployment: who changed it last stays as it was. */
    private void monitors(DeploymentId deployment, Consumer<Map<String, MonitorState>> edit) {
        cards().find(deployment.value()).ifPresent(card -> {
            edit.accept(card.monitors);
            save(card);
        });
    }

    /** Handlers set absolute values (or add and remove ids), so a replayed event leaves the card as it was. */
    private void change(DeploymentId deployment, String initiator, Instant at, Consumer<DeploymentCardDocument> edit) {
        DeploymentCardDocument card = cards().findOrCreate(deployment.value(), DeploymentCardDocument::withId);
        edit.accept(card);
        if (at != null) {
            card.touchedBy(initiator, at);
        }
        save(card);
    }

    @QueryHandler
    public Optional<LiveView> handle(WatchDeploymentCard query) {
        return Optional.ofNullable(mongo.findById(query.deploymentId().value(), DeploymentCardDocument.class))
                .map(card -> new LiveView(card.revision, card(card)));
    }

    @QueryHandler
    public Optional<DeploymentCard> handle(FindDeploymentCard query) {
        return Optional.ofNullable(mongo.findById(query.deploymentId().value(), DeploymentCardDocument.class))
                .map(this::card);
    }

    /** A group's cards by name, served by the index on (groupId, name). */
    @QueryHandler
    public Page<DeploymentCard> handle(ListGroupDeployments query) {
        Optional<String> groupId = groups.groupId(query.project().value(), query.group());
        if (groupId.isEmpty()) {
            return new Page<>(List.of(), null, 0);
        }
        Criteria inGroup = where("groupId").is(groupId.get());
        if (query.lifecycle() != null) {
            inGroup = inGroup.and("lifecycle").is(query.lifecycle().name());
        }
        if (query.status() != null) {
            inGroup = inGroup.and("status").is(query.status().name());
        }
        if (query.scope() != null) {
            inGroup = inGroup.and("spec.scope").is(query.scope());
        }
        Query page = Query.query(inGroup).with(Sort.by("name")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            page.addCriteria(where("name").gt(query.page().after()));
        }
        List<DeploymentCardDocument> found = mongo.find(page, DeploymentCardDocument.class);
        return Cursors.page(found, query.page().limit(), this::card, DeploymentCard::name,
                mongo.count(Query.query(inGroup), DeploymentCardDocument.class));
    }

    private DeploymentCard card(DeploymentCardDocument card) {
        return card.toCard(groups.scope(card.groupId, card.spec.scope()));
    }

    /** The card, and its entry in its project's overview, written with it. */
    private void save(DeploymentCardDocument card) {
        cards().save(card);
        if (card.project != null) {
            // A dropped deployment leaves the overview, which would otherwise grow with every one ever made.
            FieldWrites overview = FieldWrites.current(mongo, ProjectOverviewDocument.class);
            if (card.lifecycle == Lifecycle.DROPPED) {
                overview.unset(card.project, "deployments." + card.id);
            } else {
                overview.set(card.project, "deployments." + card.id, ProjectOverviewDocument.Entry.of(card));
            }
        }
    }

    private ReadModelBatch<DeploymentCardDocument> cards() {
        return ReadModelBatch.current(mongo, DeploymentCardDocument.class, card -> card.id, this::written);
    }

    /** After the batch committed: each changed card to its live streams here, in order, and to other instances. */
    private void written(List<DeploymentCardDocument> written) {
        for (DeploymentCardDocument card : written) {
            LiveViews.emit(live, WatchDeploymentCard.class, query -> query.deploymentId().value().equals(card.id),
                    () -> new LiveView(card.revision, card(card)), "Card " + card.id);
        }
        relay.changed("card", written.stream().map(card -> card.id).toList());
    }
}

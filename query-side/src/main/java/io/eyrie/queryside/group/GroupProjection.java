package io.eyrie.queryside.group;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.project.DeploymentGroupChanged;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.DeploymentGroupDeleted;
import io.eyrie.api.project.FindGroup;
import io.eyrie.api.project.GroupRoleOverridden;
import io.eyrie.api.project.GroupRoleOverrideRemoved;
import io.eyrie.api.project.GroupView;
import io.eyrie.api.project.ListGroups;
import io.eyrie.api.project.ProjectMemberRemoved;
import io.eyrie.api.project.ScopeDefined;
import io.eyrie.api.project.ScopeRemoved;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.rebuild.ReadModelTemplate;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Groups with their scopes, clusters, defaults and overrides; a deleted group's document goes, so its name is free.
 * A group's status aggregates its living deployments' cards when it is read.
 */
@Component
@ProcessingGroup("dashboard-catalog")
public class GroupProjection {
    private final MongoTemplate mongo;

    public GroupProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(DeploymentGroupCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        GroupDocument group = groups().findOrCreate(event.group().value(), GroupDocument::withId);
        group.project = event.project().value();
        group.name = event.name();
        group.type = event.type();
        group.clusters = new ArrayList<>(event.clusters());
        group.defaults = event.defaults();
        group.books = new java.util.TreeMap<>(event.books());
        group.scopes = new ArrayList<>(event.scopes());
        group.createdBy = initiator;
        group.createdAt = at;
        group.touchedBy(initiator, at);
        groups().save(group);
    }

    @EventHandler
    public void on(DeploymentGroupChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.group().value(), initiator, at, group -> {
            group.clusters = new ArrayList<>(event.clusters());
            group.defaults = event.defaults();
            group.books = new java.util.TreeMap<>(event.books());
        });
    }

    @EventHandler
    public void on(ScopeDefined event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator, @Timestamp Instant at) {
        change(event.group().value(), initiator, at, group -> {
            group.scopes.removeIf(scope -> scope.name().equals(event.scope().name()));
            group.scopes.add(event.scope());
        });
    }

    @EventHandler
    public void on(ScopeRemoved event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator, @Timestamp Instant at) {
        change(event.group().value(), initiator, at,
                group -> group.scopes.removeIf(scope -> scope.name().equals(event.scope())));
    }

    @EventHandler
    public void on(GroupRoleOverridden event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.group().value(), initiator, at, group -> group.setOverride(event.user(), event.role()));
    }

    @EventHandler
    public void on(GroupRoleOverrideRemoved event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.group().value(), initiator, at, group -> group.removeOverride(event.user()));
    }

    /** The directory forgets a leaving member's overrides, so the groups' documents do too. */
    @EventHandler
    public void on(ProjectMemberRemoved event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        String project = event.project().value();
        for (GroupDocument group : groups().findAll(Query.query(where("project").is(project)),
                candidate -> candidate.project.equals(project))) {
            if (group.removeOverride(event.user())) {
                group.touchedBy(initiator, at);
                groups().save(group);
            }
        }
    }

    @EventHandler
    public void on(DeploymentGroupDeleted event) {
        groups().delete(event.group().value());
    }

    @QueryHandler
    public Optional<GroupView> handle(FindGroup query) {
        return byName(query.project().value(), query.name()).map(this::view);
    }

    @QueryHandler
    public Page<GroupView> handle(ListGroups query) {
        String project = query.project().value();
        Query groups = Query.query(where("project").is(project)).with(Sort.by("name")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            groups.addCriteria(where("name").gt(query.page().after()));
        }
        List<GroupDocument> found = mongo.find(groups, GroupDocument.class);
        return Cursors.page(found, query.page().limit(), this::view, GroupView::name,
                mongo.count(Query.query(where("project").is(project)), GroupDocument.class));
    }

    Optional<GroupDocument> byName(String project, String name) {
        return Optional.ofNullable(mongo.findOne(Query.query(where("project").is(project).and("name").is(name)),
                GroupDocument.class));
    }

    /**
     * Aggregated from the living deployments' statuses by {@link DeploymentStatus#aggregate}, and their monitors'
     * states counted.
     */
    private GroupView view(GroupDocument group) {
        Query living = Query.query(where("groupId").is(group.id).and("lifecycle").ne(Lifecycle.DROPPED.name()));
        living.fields().include("status").include("monitors");
        List<Document> cards = mongo.find(living, Document.class, ReadModelTemplate.collection(mongo, "deployment_cards"));
        List<DeploymentStatus> statuses = cards.stream()
                .map(card -> card.getString("status")).filter(java.util.Objects::nonNull)
                .flatMap(name -> java.util.Arrays.stream(DeploymentStatus.values()).filter(s -> s.name().equals(name)))
                .toList();
        List<MonitorState> monitors = cards.stream().map(card -> card.get("monitors", Document.class))
                .filter(java.util.Objects::nonNull).flatMap(states -> states.values().stream())
                .map(state -> MonitorState.valueOf((String) state)).toList();
        return group.toView(statuses.size(), DeploymentStatus.aggregate(statuses), MonitorState.counts(monitors));
    }

    private void change(String id, String initiator, Instant at, Consumer<GroupDocument> edit) {
        groups().find(id).ifPresent(group -> {
            edit.accept(group);
            group.touchedBy(initiator, at);
            groups().save(group);
        });
    }

    private ReadModelBatch<GroupDocument> groups() {
        return ReadModelBatch.current(mongo, GroupDocument.class, group -> group.id);
    }
}

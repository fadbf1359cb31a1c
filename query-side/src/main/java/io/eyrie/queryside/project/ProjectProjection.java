package io.eyrie.queryside.project;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.project.FindProject;
import io.eyrie.api.project.ListProjects;
import io.eyrie.api.project.ProjectArchived;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectMemberAdded;
import io.eyrie.api.project.ProjectMemberRemoved;
import io.eyrie.api.project.ProjectMemberRoleChanged;
import io.eyrie.api.project.ProjectOwnershipTransferred;
import io.eyrie.api.project.ProjectRenamed;
import io.eyrie.api.project.ProjectView;
import io.eyrie.api.project.Role;
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
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Projects with their members, and each user's list of projects. Every change sets absolute values, so handling an
 * event twice changes nothing.
 */
@Component
@ProcessingGroup("dashboard-catalog")
public class ProjectProjection {
    private final MongoTemplate mongo;

    public ProjectProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(ProjectCreated event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        ProjectDocument project = projects().findOrCreate(event.project().value(), ProjectDocument::withSlug);
        project.name = event.name();
        project.owner = event.owner();
        project.setMember(event.owner(), Role.ADMIN);
        project.namespaceUid = event.namespace().uid();
        project.kubernetesNamespace = event.namespace().kubernetesName();
        project.createdBy = initiator;
        project.createdAt = at;
        project.touchedBy(initiator, at);
        projects().save(project);
        member(event.owner(), event.project().value(), true);
    }

    @EventHandler
    public void on(ProjectRenamed event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.project().value(), initiator, at, project -> project.name = event.name());
    }

    @EventHandler
    public void on(ProjectArchived event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.project().value(), initiator, at, project -> project.archived = true);
    }

    @EventHandler
    public void on(ProjectMemberAdded event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.project().value(), initiator, at, project -> project.setMember(event.user(), event.role()));
        member(event.user(), event.project().value(), true);
    }

    @EventHandler
    public void on(ProjectMemberRoleChanged event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.project().value(), initiator, at, project -> project.setMember(event.user(), event.role()));
    }

    @EventHandler
    public void on(ProjectMemberRemoved event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.project().value(), initiator, at, project -> project.removeMember(event.user()));
        member(event.user(), event.project().value(), false);
    }

    @EventHandler
    public void on(ProjectOwnershipTransferred event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.project().value(), initiator, at, project -> {
            project.owner = event.newOwner();
            project.setMember(event.newOwner(), Role.ADMIN);
        });
        member(event.newOwner(), event.project().value(), true);
    }

    @QueryHandler
    public Optional<ProjectView> handle(FindProject query) {
        return Optional.ofNullable(mongo.findById(query.project().value(), ProjectDocument.class))
                .map(ProjectDocument::toView);
    }

    /** A member's projects come from their own document; a platform admin pages through all, by slug. */
    @QueryHandler
    public Page<ProjectView> handle(ListProjects query) {
        String after = query.page().after();
        int limit = query.page().limit();
        if (query.platformAdmin()) {
            Query all = new Query().with(Sort.by("_id")).limit(limit + 1);
            if (after != null) {
                all.addCriteria(where("_id").gt(after));
            }
            List<ProjectDocument> found = mongo.find(all, ProjectDocument.class);
            return Cursors.page(found, limit, ProjectDocument::toView, ProjectView::slug,
                    mongo.count(new Query(), ProjectDocument.class));
        }
        UserProjectsDocument mine = mongo.findById(query.user(), UserProjectsDocument.class);
        if (mine == null) {
            return new Page<>(List.of(), null, 0);
        }
        List<String> slugs = (after == null ? mine.projects : mine.projects.tailSet(after, false)).stream()
                .limit(limit + 1L).toList();
        List<ProjectDocument> found = mongo.find(Query.query(where("_id").in(slugs)).with(Sort.by("_id")),
                ProjectDocument.class);
        return Cursors.page(found, limit, ProjectDocument::toView, ProjectView::slug, mine.projects.size());
    }

    private void change(String slug, String initiator, Instant at, java.util.function.Consumer<ProjectDocument> edit) {
        ProjectDocument project = projects().findOrCreate(slug, ProjectDocument::withSlug);
        edit.accept(project);
        project.touchedBy(initiator, at);
        projects().save(project);
    }

    private void member(String user, String slug, boolean member) {
        UserProjectsDocument mine = userProjects().findOrCreate(user, UserProjectsDocument::of);
        if (member) {
            mine.projects.add(slug);
        } else {
            mine.projects.remove(slug);
        }
        userProjects().save(mine);
    }

    private ReadModelBatch<ProjectDocument> projects() {
        return ReadModelBatch.current(mongo, ProjectDocument.class, project -> project.slug);
    }

    private ReadModelBatch<UserProjectsDocument> userProjects() {
        return ReadModelBatch.current(mongo, UserProjectsDocument.class, document -> document.user);
    }
}

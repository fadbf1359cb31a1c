package io.eyrie.commandside.directory;

import io.eyrie.api.book.BookPublished;
import io.eyrie.api.cluster.ClusterChanged;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterRegistered;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.cluster.ClusterStateChanged;
import io.eyrie.api.datasource.DatasourceRegistered;
import io.eyrie.api.datasource.DatasourceRemoved;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentRoleOverridden;
import io.eyrie.api.deployment.DeploymentRoleOverrideRemoved;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.grouprun.GroupMember;
import io.eyrie.api.monitor.MonitorChanged;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.grouprun.GroupStageStarted;
import io.eyrie.api.project.DeploymentGroupChanged;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.DeploymentGroupDeleted;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupRoleOverridden;
import io.eyrie.api.project.GroupRoleOverrideRemoved;
import io.eyrie.api.project.ProjectArchived;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectMemberAdded;
import io.eyrie.api.project.ProjectMemberRemoved;
import io.eyrie.api.project.ProjectMemberRoleChanged;
import io.eyrie.api.project.ProjectOwnershipTransferred;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Scope;
import io.eyrie.api.project.ScopeDefined;
import io.eyrie.api.project.ScopeRemoved;
import io.eyrie.api.repository.BranchAdded;
import io.eyrie.api.repository.BranchRemoved;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.api.repository.ImageRegistered;
import io.eyrie.api.repository.RepositoryArchived;
import io.eyrie.api.repository.RepositoryRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What the command side must know across aggregates, written in the same transaction as the events that change it
 * (see command-side.properties: a subscribing processor). A unique constraint makes a taken name refuse the command
 * that tried to take it, however many race for it.
 */
@Component
@ProcessingGroup(DirectoryProjection.GROUP)
class DirectoryProjection {
    static final String GROUP = "directory";

    private final JdbcClient jdbc;

    DirectoryProjection(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    @EventHandler
    void on(ProjectCreated event) {
        jdbc.sql("INSERT INTO directory_projects (project, owner) VALUES (:project, :owner)")
                .param("project", event.project().value()).param("owner", event.owner()).update();
        setMember(event.project().value(), event.owner(), Role.ADMIN);
    }

    @EventHandler
    void on(ProjectArchived event) {
        jdbc.sql("UPDATE directory_projects SET archived = TRUE WHERE project = :project")
                .param("project", event.project().value()).update();
    }

    @EventHandler
    void on(ProjectMemberAdded event) {
        setMember(event.project().value(), event.user(), event.role());
    }

    @EventHandler
    void on(ProjectMemberRoleChanged event) {
        setMember(event.project().value(), event.user(), event.role());
    }

    @EventHandler
    void on(ProjectMemberRemoved event) {
        jdbc.sql("DELETE FROM directory_members WHERE project = :project AND user_id = :user")
                .param("project", event.project().value()).param("user", event.user()).update();
        // A member who comes back starts from their project role; old overrides do not return with them.
        jdbc.sql("""
                        DELETE FROM directory_overrides o
                        WHERE o.user_id = :user AND o.id IN (SELECT r.id FROM directory_resources r
                                                             WHERE r.kind = o.kind AND r.project = :project)""")
                .param("project", event.project().value()).param("user", event.user()).update();
    }

    @EventHandler
    void on(ProjectOwnershipTransferred event) {
        jdbc.sql("UPDATE directory_projects SET owner = :owner WHERE project = :project")
                .param("project", event.project().value()).param("owner", event.newOwner()).update();
        setMember(event.project().value(), event.newOwner(), Role.ADMIN);
    }

    @EventHandler
    void on(ClusterRegistered event) {
        jdbc.sql("INSERT INTO directory_clusters (slug, state, api_server, credentials_ref) "
                        + "VALUES (:slug, :state, :apiServer, :credentials)")
                .param("slug", event.cluster().value()).param("state", ClusterState.DRAFT.name())
                .param("apiServer", event.apiServer()).param("credentials", event.credentialsRef()).update();
    }

    @EventHandler
    void on(ClusterChanged event) {
        jdbc.sql("UPDATE directory_clusters SET api_server = COALESCE(:apiServer, api_server), "
                        + "credentials_ref = COALESCE(:credentials, credentials_ref) WHERE slug = :slug")
                .param("slug", event.cluster().value()).param("apiServer", event.apiServer())
                .param("credentials", event.credentialsRef()).update();
    }

    @EventHandler
    void on(ClusterStateChanged event) {
        jdbc.sql("UPDATE directory_clusters SET state = :state WHERE slug = :slug")
                .param("slug", event.cluster().value()).param("state", event.to().name()).update();
    }

    @EventHandler
    void on(DeploymentGroupCreated event) {
        claimName(Directory.GROUP_NAME, event.project().value(), event.name(), event.group().value(),
                "group", "project " + event.project().value(), "name");
        jdbc.sql("INSERT INTO directory_resources (kind, id, project, group_id) VALUES ('group', :id, :project, :id)")
                .param("id", event.group().value()).param("project", event.project().value()).update();
        jdbc.sql("INSERT INTO directory_groups (id, type, clusters, books, strategy) "
                        + "VALUES (:id, :type, :clusters, :books, :strategy)")
                .param("id", event.group().value()).param("type", event.type().wire())
                .param("clusters", Directory.clusters(event.clusters()))
                .param("books", Directory.books(event.books())).param("strategy", strategy(event.defaults())).update();
        event.scopes().forEach(scope -> setScope(event.group(), scope));
    }

    @EventHandler
    void on(DeploymentGroupChanged event) {
        jdbc.sql("UPDATE directory_groups SET clusters = :clusters, books = :books, strategy = :strategy WHERE id = :id")
                .param("id", event.group().value()).param("clusters", Directory.clusters(event.clusters()))
                .param("books", Directory.books(event.books())).param("strategy", strategy(event.defaults())).update();
    }

    private static String strategy(GroupDefaults defaults) {
        return defaults == null || defaults.strategy() == null ? null : defaults.strategy().name();
    }

    @EventHandler
    void on(ScopeDefined event) {
        setScope(event.group(), event.scope());
    }

    @EventHandler
    void on(ScopeRemoved event) {
        jdbc.sql("DELETE FROM directory_scopes WHERE group_id = :group AND name = :name")
                .param("group", event.group().value()).param("name", event.scope()).update();
    }

    /** The group's name is free again; its dropped deployments stay on record but belong to no living group. */
    @EventHandler
    void on(DeploymentGroupDeleted event) {
        String id = event.group().value();
        jdbc.sql("DELETE FROM directory_names WHERE kind = :kind AND id = :id")
                .param("kind", Directory.GROUP_NAME).param("id", id).update();
        jdbc.sql("DELETE FROM directory_resources WHERE kind = 'group' AND id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM directory_groups WHERE id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM directory_scopes WHERE group_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM directory_overrides WHERE kind = 'group' AND id = :id").param("id", id).update();
    }

    @EventHandler
    void on(DeploymentCreated event) {
        String id = event.deploymentId().value();
        claimName(Directory.DEPLOYMENT_NAME, event.group().value(), event.name(), id,
                "deployment", "group " + event.groupName(), "name");
        jdbc.sql("INSERT INTO directory_resources (kind, id, project, group_id, scope, subscribe_to) "
                        + "VALUES ('deployment', :id, :project, :group, :scope, :subscribeTo)")
                .param("id", id).param("project", event.project().value())
                .param("group", event.group().value()).param("scope", event.spec().scope())
                .param("subscribeTo", subscription(event.spec())).update();
        useClusters(id, event.spec().clusters());
    }

    @EventHandler
    void on(DeploymentChanged event) {
        String id = event.deploymentId().value();
        jdbc.sql("UPDATE directory_resources SET scope = :scope, subscribe_to = :subscribeTo "
                        + "WHERE kind = 'deployment' AND id = :id")
                .param("id", id).param("scope", event.after().scope())
                .param("subscribeTo", subscription(event.after())).update();
        useClusters(id, event.after().clusters());
    }

    /** A dropped deployment no longer holds its name or its clusters. */
    @EventHandler
    void on(ActionCompleted event) {
        if (event.lifecycle() != Lifecycle.DROPPED) {
            return;
        }
        String id = event.deploymentId().value();
        jdbc.sql("DELETE FROM directory_names WHERE kind = :kind AND id = :id")
                .param("kind", Directory.DEPLOYMENT_NAME).param("id", id).update();
        jdbc.sql("UPDATE directory_resources SET dropped = TRUE WHERE kind = 'deployment' AND id = :id")
                .param("id", id).update();
        useClusters(id, List.of());
    }

    @EventHandler
    void on(RepositoryRegistered event) {
        String project = event.project() == null ? null : event.project().value();
        claimName(Directory.REPOSITORY_URL, project == null ? Directory.PLATFORM : project, event.url(),
                event.repository().value(), "repository", project == null ? "the platform" : "project " + project, "url");
        jdbc.sql("INSERT INTO directory_repositories (id, project, type) VALUES (:id, :project, :type)")
                .param("id", event.repository().value()).param("project", project)
                .param("type", event.type() == null ? null : event.type().wire()).update();
        resource("repository", event.repository().value(), project);
    }

    @EventHandler
    void on(RepositoryArchived event) {
        jdbc.sql("UPDATE directory_repositories SET archived = TRUE WHERE id = :id")
                .param("id", event.repository().value()).update();
    }

    @EventHandler
    void on(BranchAdded event) {
        jdbc.sql("INSERT INTO directory_branches (repository, name) VALUES (:repository, :name) ON CONFLICT DO NOTHING")
                .param("repository", event.repository().value()).param("name", event.name()).update();
    }

    @EventHandler
    void on(BranchRemoved event) {
        jdbc.sql("DELETE FROM directory_branches WHERE repository = :repository AND name = :name")
                .param("repository", event.repository().value()).param("name", event.name()).update();
    }

    private static String subscription(DeploymentSpec spec) {
        return spec.subscribeTo() == null ? null : spec.subscribeTo().value();
    }

    /** The newest push wins; a webhook's retry of an older push arrives with the same tag and digest. */
    @EventHandler
    void on(ImagePushed event) {
        jdbc.sql("UPDATE directory_images SET latest_tag = :tag, latest_digest = :digest WHERE id = :id")
                .param("id", event.image().value()).param("tag", event.tag()).param("digest", event.digest()).update();
    }

    @EventHandler
    void on(GroupStageStarted event) {
        for (GroupMember member : event.members()) {
            jdbc.sql("INSERT INTO directory_group_run_jobs (job_id, run_id, deployment_id) VALUES (:job, :run, :deployment) "
                            + "ON CONFLICT (job_id) DO NOTHING")
                    .param("job", member.jobId().value()).param("run", event.runId().value())
                    .param("deployment", member.deploymentId().value()).update();
        }
    }

    @EventHandler
    void on(ImageRegistered event) {
        String project = event.project() == null ? null : event.project().value();
        claimName(Directory.IMAGE_NAME, event.repository().value(), event.name(), event.image().value(), "image",
                "repository " + event.repository().value(), "name");
        jdbc.sql("INSERT INTO directory_images (id, repository, project, name) VALUES (:id, :repository, :project, :name)")
                .param("id", event.image().value()).param("repository", event.repository().value())
                .param("name", event.name())
                .param("project", project).update();
        resource("image", event.image().value(), project);
    }

    @EventHandler
    void on(DatasourceRegistered event) {
        claimName(Directory.DATASOURCE_NAME, event.project().value(), event.name(), event.datasource().value(),
                "datasource", "project " + event.project().value(), "name");
        jdbc.sql("INSERT INTO directory_datasources (id, project, data_type) VALUES (:id, :project, :type)")
                .param("id", event.datasource().value()).param("project", event.project().value())
                .param("type", event.dataType().name()).update();
        resource("datasource", event.datasource().value(), event.project().value());
    }

    @EventHandler
    void on(DatasourceRemoved event) {
        String id = event.datasource().value();
        jdbc.sql("DELETE FROM directory_names WHERE kind = :kind AND id = :id")
                .param("kind", Directory.DATASOURCE_NAME).param("id", id).update();
        jdbc.sql("UPDATE directory_datasources SET removed = TRUE WHERE id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM directory_resources WHERE kind = 'datasource' AND id = :id").param("id", id).update();
    }

    @EventHandler
    void on(GroupRoleOverridden event) {
        setOverride("group", event.group().value(), event.user(), event.role());
    }

    @EventHandler
    void on(GroupRoleOverrideRemoved event) {
        removeOverride("group", event.group().value(), event.user());
    }

    @EventHandler
    void on(DeploymentRoleOverridden event) {
        setOverride("deployment", event.deploymentId().value(), event.user(), event.role());
    }

    @EventHandler
    void on(DeploymentRoleOverrideRemoved event) {
        removeOverride("deployment", event.deploymentId().value(), event.user());
    }

    private void resource(String kind, String id, String project) {
        jdbc.sql("INSERT INTO directory_resources (kind, id, project) VALUES (:kind, :id, :project)")
                .param("kind", kind).param("id", id).param("project", project).update();
    }

    private void useClusters(String deployment, List<ClusterId> clusters) {
        jdbc.sql("DELETE FROM directory_cluster_usage WHERE deployment = :id").param("id", deployment).update();
        for (ClusterId cluster : clusters) {
            jdbc.sql("INSERT INTO directory_cluster_usage (cluster, deployment) VALUES (:cluster, :id)")
                    .param("cluster", cluster.value()).param("id", deployment).update();
        }
    }

    private void setScope(GroupId group, Scope scope) {
        jdbc.sql("""
                        INSERT INTO directory_scopes (group_id, name, allow_drop, role_to_act, concurrency, clusters, backup,
                                                      pause_after_seconds, drop_after_seconds, freezes, schedules,
                                                      monitor)
                        VALUES (:group, :name, :allowDrop, :roleToAct, :concurrency, :clusters, :backup, :pauseAfter,
                                :dropAfter, :freezes, :schedules, :monitor)
                        ON CONFLICT (group_id, name) DO UPDATE SET allow_drop = EXCLUDED.allow_drop,
                            role_to_act = EXCLUDED.role_to_act, concurrency = EXCLUDED.concurrency,
                            clusters = EXCLUDED.clusters, backup = EXCLUDED.backup,
                            pause_after_seconds = EXCLUDED.pause_after_seconds,
                            drop_after_seconds = EXCLUDED.drop_after_seconds, freezes = EXCLUDED.freezes,
                            schedules = EXCLUDED.schedules, monitor = EXCLUDED.monitor""")
                .param("group", group.value()).param("name", scope.name()).param("allowDrop", scope.allowDrop())
                .param("roleToAct", scope.roleToAct().name()).param("concurrency", scope.concurrency().name())
                .param("clusters", Directory.clusters(scope.clusters()))
                .param("backup", scope.backupDatasource() == null ? null : scope.backupDatasource().value())
                .param("pauseAfter", scope.pauseAfterSeconds()).param("dropAfter", scope.dropAfterSeconds())
                .param("freezes", Directory.freezes(scope.freezes()))
                .param("schedules", Directory.schedules(scope.schedules()))
                .param("monitor", scope.monitor())
                .update();
    }

    @EventHandler
    void on(BookPublished event) {
        jdbc.sql("""
                        INSERT INTO directory_books (name, version, group_type, steps, multiplier)
                        VALUES (:name, :version, :type, :steps, :multiplier) ON CONFLICT (name, version) DO NOTHING""")
                .param("name", event.book().value()).param("version", event.version())
                .param("type", event.groupType().wire()).param("steps", Directory.json(event.steps()))
                .param("multiplier", event.timeoutMultiplier()).update();
    }

    private void setMember(String project, String user, Role role) {
        jdbc.sql("INSERT INTO directory_members (project, user_id, role) VALUES (:project, :user, :role) "
                        + "ON CONFLICT (project, user_id) DO UPDATE SET role = EXCLUDED.role")
                .param("project", project).param("user", user).param("role", role.name()).update();
    }

    private void setOverride(String kind, String id, String user, Role role) {
        jdbc.sql("INSERT INTO directory_overrides (kind, id, user_id, role) VALUES (:kind, :id, :user, :role) "
                        + "ON CONFLICT (kind, id, user_id) DO UPDATE SET role = EXCLUDED.role")
                .param("kind", kind).param("id", id).param("user", user).param("role", role.name()).update();
    }

    private void removeOverride(String kind, String id, String user) {
        jdbc.sql("DELETE FROM directory_overrides WHERE kind = :kind AND id = :id AND user_id = :user")
                .param("kind", kind).param("id", id).param("user", user).update();
    }

    @EventHandler
    void on(MonitorCreated event) {
        claimName("monitor", event.deploymentId().value(), event.spec().name(), event.monitorId().value(), "monitor",
                "its deployment", "name");
        jdbc.sql("INSERT INTO directory_monitors (id, deployment) VALUES (:id, :deployment)")
                .param("id", event.monitorId().value()).param("deployment", event.deploymentId().value()).update();
    }

    @EventHandler
    void on(MonitorChanged event) {
        try {
            jdbc.sql("UPDATE directory_names SET name = :name WHERE kind = 'monitor' AND id = :id AND name <> :name")
                    .param("name", event.spec().name()).param("id", event.monitorId().value()).update();
        } catch (DuplicateKeyException taken) {
            throw new NameTakenException("monitor", event.spec().name(), "its deployment", "name");
        }
    }

    @EventHandler
    void on(MonitorRemoved event) {
        jdbc.sql("DELETE FROM directory_names WHERE kind = 'monitor' AND id = :id")
                .param("id", event.monitorId().value()).update();
        jdbc.sql("UPDATE directory_monitors SET removed = TRUE WHERE id = :id").param("id", event.monitorId().value())
                .update();
    }

    private void claimName(String kind, String parent, String name, String id, String what, String where,
                           String field) {
        try {
            jdbc.sql("INSERT INTO directory_names (kind, parent, name, id) VALUES (:kind, :parent, :name, :id)")
                    .param("kind", kind).param("parent", parent).param("name", name).param("id", id)
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new NameTakenException(what, name, where, field);
        }
    }
}

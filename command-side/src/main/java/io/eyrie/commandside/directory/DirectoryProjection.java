package io.eyrie.commandside.directory;

import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentRoleOverridden;
import io.eyrie.api.deployment.DeploymentRoleOverrideRemoved;
import io.eyrie.api.deployment.Dropped;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupRoleOverridden;
import io.eyrie.api.project.GroupRoleOverrideRemoved;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectMemberAdded;
import io.eyrie.api.project.ProjectMemberRemoved;
import io.eyrie.api.project.ProjectMemberRoleChanged;
import io.eyrie.api.project.ProjectOwnershipTransferred;
import io.eyrie.api.project.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
    }

    @EventHandler
    void on(ProjectOwnershipTransferred event) {
        jdbc.sql("UPDATE directory_projects SET owner = :owner WHERE project = :project")
                .param("project", event.project().value()).param("owner", event.newOwner()).update();
        setMember(event.project().value(), event.newOwner(), Role.ADMIN);
    }

    @EventHandler
    void on(DeploymentGroupCreated event) {
        claimName(Directory.GROUP_NAME, event.project().value(), event.name(), event.group().value(),
                "group", "project " + event.project().value(), "name");
        jdbc.sql("INSERT INTO directory_resources (kind, id, project, group_id) VALUES ('group', :id, :project, :id)")
                .param("id", event.group().value()).param("project", event.project().value()).update();
    }

    @EventHandler
    void on(DeploymentCreated event) {
        claimName(Directory.DEPLOYMENT_NAME, event.group().value(), event.name(), event.deploymentId().value(),
                "deployment", "group " + event.groupName(), "name");
        jdbc.sql("INSERT INTO directory_resources (kind, id, project, group_id, scope) "
                        + "VALUES ('deployment', :id, :project, :group, :scope)")
                .param("id", event.deploymentId().value()).param("project", event.project().value())
                .param("group", event.group().value()).param("scope", event.scope()).update();
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

    /** A dropped deployment no longer holds its name. */
    @EventHandler
    void on(Dropped event) {
        jdbc.sql("DELETE FROM directory_names WHERE kind = :kind AND id = :id")
                .param("kind", Directory.DEPLOYMENT_NAME)
                .param("id", event.deploymentId().value())
                .update();
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

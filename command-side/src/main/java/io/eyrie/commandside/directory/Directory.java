package io.eyrie.commandside.directory;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.project.MemberRuleException;
import io.eyrie.platform.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;
import java.util.concurrent.Callable;

/** Reads of the directory. It is written in the transactions of the events, so a read sees every committed change. */
@Component
public class Directory {
    static final String GROUP_NAME = "group";
    static final String DEPLOYMENT_NAME = "deployment";

    private final JdbcClient jdbc;

    Directory(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    /** Whether the user is a member of the project; overrides apply to members only. */
    public boolean isMember(ProjectId project, String user) {
        return jdbc.sql("SELECT 1 FROM directory_members WHERE project = :project AND user_id = :user")
                .param("project", project.value()).param("user", user)
                .query(Integer.class).optional().isPresent();
    }

    public Optional<String> owner(ProjectId project) {
        return jdbc.sql("SELECT owner FROM directory_projects WHERE project = :project")
                .param("project", project.value())
                .query(String.class).optional();
    }

    /** The project a deployment belongs to. */
    public Optional<ProjectId> projectOf(DeploymentId deployment) {
        return jdbc.sql("SELECT project FROM directory_resources WHERE kind = 'deployment' AND id = :id")
                .param("id", deployment.value())
                .query(String.class).optional().map(ProjectId::new);
    }

    /** Runs a directory read off the event loop. */
    public <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }

    /** The group named so in the project, or a 404. */
    public GroupId requireGroup(ProjectId project, String name) {
        return group(project, name).orElseThrow(() -> new NotFoundException(
                "No group '" + name + "' in project '" + project.value() + "'"));
    }

    /** Overrides change the role of a member, and the owner's role is fixed. */
    public void requireOverridable(ProjectId project, String user) {
        if (owner(project).filter(user::equals).isPresent()) {
            throw new MemberRuleException(MemberRuleException.Rule.OWNER_IS_FIXED, "'" + user + "' owns project '"
                    + project.value() + "'; the owner is an admin everywhere in it");
        }
        if (!isMember(project, user)) {
            throw new MemberRuleException(MemberRuleException.Rule.NOT_A_MEMBER, "'" + user
                    + "' is not a member of project '" + project.value() + "'; overrides change a member's role");
        }
    }

    /** The group that has this name in the project, if any. */
    public Optional<GroupId> group(ProjectId project, String name) {
        return jdbc.sql("SELECT id FROM directory_names WHERE kind = :kind AND parent = :parent AND name = :name")
                .param("kind", GROUP_NAME).param("parent", project.value()).param("name", name)
                .query(String.class)
                .optional()
                .map(GroupId::new);
    }
}

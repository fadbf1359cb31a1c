package io.eyrie.commandside.project;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.project.ArchiveProject;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.KubernetesNames;
import io.eyrie.api.project.ProjectArchived;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.ProjectMemberAdded;
import io.eyrie.api.project.ProjectMemberRemoved;
import io.eyrie.api.project.ProjectMemberRoleChanged;
import io.eyrie.api.project.ProjectNamespace;
import io.eyrie.api.project.ProjectOwnershipTransferred;
import io.eyrie.api.project.ProjectRenamed;
import io.eyrie.api.project.RemoveProjectMember;
import io.eyrie.api.project.RenameProject;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.SetProjectMember;
import io.eyrie.api.project.TransferProjectOwnership;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.MemberRuleException.Rule;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * The top-level unit: its slug is its identity, so a second project with the same slug collides in the event
 * store. It keeps its members and owner: a project always has exactly one owner, an admin whom only a transfer
 * replaces, and only the owner makes, changes or removes admins. Groups are created through it.
 */
@Aggregate(filterEventsByType = true)
public class Project {
    @AggregateIdentifier
    private ProjectId id;
    private String name;
    private String owner;
    private ProjectNamespace namespace;
    private final Map<String, Role> members = new HashMap<>();
    private boolean archived;

    protected Project() {
    }

    @CommandHandler
    public Project(CreateProject command) {
        apply(new ProjectCreated(command.project(), command.name(), command.owner(),
                new ProjectNamespace(command.namespaceUid(), KubernetesNames.projectNamespace(command.namespaceUid()))));
    }

    @CommandHandler
    public void handle(RenameProject command) {
        requireLive();
        if (!command.name().equals(name)) {
            apply(new ProjectRenamed(id, command.name(), name));
        }
    }

    @CommandHandler
    public void handle(SetProjectMember command, @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        requireLive();
        requireNotOwner(command.user());
        Role current = members.get(command.user());
        if (current == command.role()) {
            return;
        }
        if (command.role() == Role.ADMIN || current == Role.ADMIN) {
            requireOwner(actor, platformAdmin, "make a member an admin or change an admin's role");
        }
        apply(current == null ? new ProjectMemberAdded(id, command.user(), command.role())
                : new ProjectMemberRoleChanged(id, command.user(), command.role(), current));
    }

    @CommandHandler
    public void handle(RemoveProjectMember command, @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        requireLive();
        requireNotOwner(command.user());
        Role current = members.get(command.user());
        if (current == null) {
            throw new MemberRuleException(Rule.NOT_A_MEMBER,
                    "'" + command.user() + "' is not a member of project '" + id.value() + "'");
        }
        if (current == Role.ADMIN) {
            requireOwner(actor, platformAdmin, "remove an admin");
        }
        apply(new ProjectMemberRemoved(id, command.user(), current));
    }

    @CommandHandler
    public void handle(TransferProjectOwnership command, @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        requireLive();
        requireOwner(actor, platformAdmin, "transfer ownership");
        if (!command.newOwner().equals(owner)) {
            apply(new ProjectOwnershipTransferred(id, owner, command.newOwner()));
        }
    }

    /** Archiving needs every group deleted first: what remains is the project's record, not running work. */
    @CommandHandler
    public void handle(ArchiveProject command, Directory directory, @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        requireOwner(actor, platformAdmin, "archive it");
        if (archived) {
            return;
        }
        long groups = directory.groupsOf(id);
        if (groups > 0) {
            throw new GroupRuleException("project-not-empty", "Project '" + id.value() + "' still has " + groups
                    + " group(s); delete them first");
        }
        apply(new ProjectArchived(id));
    }

    /** The group takes the project's namespace UID, which every deployment of it hands on. */
    @CommandHandler
    public void handle(CreateDeploymentGroup command, Directory directory, DeploymentTypes types) throws Exception {
        requireLive();
        createNew(DeploymentGroup.class, () -> new DeploymentGroup(command, namespace.uid(), directory, types));
    }

    private void requireLive() {
        if (archived) {
            throw new GroupRuleException("project-archived", "Project '" + id.value() + "' is archived");
        }
    }

    private void requireNotOwner(String user) {
        if (user.equals(owner)) {
            throw new MemberRuleException(Rule.OWNER_IS_FIXED, "'" + user + "' owns project '" + id.value()
                    + "'; the owner stays an admin until ownership is transferred");
        }
    }

    private void requireOwner(String actor, Boolean platformAdmin, String what) {
        if (!owner.equals(actor) && !Boolean.TRUE.equals(platformAdmin)) {
            throw new MemberRuleException(Rule.OWNER_REQUIRED,
                    "Only the owner of project '" + id.value() + "' may " + what);
        }
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        this.id = event.project();
        this.name = event.name();
        this.owner = event.owner();
        this.namespace = event.namespace();
        members.put(event.owner(), Role.ADMIN);
    }

    @EventSourcingHandler
    void on(ProjectRenamed event) {
        this.name = event.name();
    }

    @EventSourcingHandler
    void on(ProjectMemberAdded event) {
        members.put(event.user(), event.role());
    }

    @EventSourcingHandler
    void on(ProjectMemberRoleChanged event) {
        members.put(event.user(), event.role());
    }

    @EventSourcingHandler
    void on(ProjectMemberRemoved event) {
        members.remove(event.user());
    }

    @EventSourcingHandler
    void on(ProjectArchived event) {
        this.archived = true;
    }

    @EventSourcingHandler
    void on(ProjectOwnershipTransferred event) {
        this.owner = event.newOwner();
        members.put(event.newOwner(), Role.ADMIN);
    }
}

package io.eyrie.commandside.project;

import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupRoleOverridden;
import io.eyrie.api.project.GroupRoleOverrideRemoved;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.RemoveGroupRoleOverride;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.SetGroupRoleOverride;
import io.eyrie.commandside.deployment.Deployment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/** Groups deployments of one type and hands its settings to each new deployment. */
@Aggregate(filterEventsByType = true)
public class DeploymentGroup {
    @AggregateIdentifier
    private GroupId id;
    private ProjectId project;
    private String name;
    private GroupType type;
    private final Map<String, Role> overrides = new HashMap<>();

    protected DeploymentGroup() {
    }

    DeploymentGroup(CreateDeploymentGroup command) {
        apply(new DeploymentGroupCreated(command.group(), command.project(), command.name(), command.type()));
    }

    @CommandHandler
    public void handle(CreateDeployment command) throws Exception {
        createNew(Deployment.class, () -> new Deployment(command, project, name, type));
    }

    @CommandHandler
    public void handle(SetGroupRoleOverride command) {
        if (overrides.get(command.user()) != command.role()) {
            apply(new GroupRoleOverridden(id, project, command.user(), command.role()));
        }
    }

    /** Removing an override that does not exist changes nothing, so a retried DELETE is harmless. */
    @CommandHandler
    public void handle(RemoveGroupRoleOverride command) {
        if (overrides.containsKey(command.user())) {
            apply(new GroupRoleOverrideRemoved(id, project, command.user()));
        }
    }

    @EventSourcingHandler
    void on(GroupRoleOverridden event) {
        overrides.put(event.user(), event.role());
    }

    @EventSourcingHandler
    void on(GroupRoleOverrideRemoved event) {
        overrides.remove(event.user());
    }

    @EventSourcingHandler
    void on(DeploymentGroupCreated event) {
        this.id = event.group();
        this.project = event.project();
        this.name = event.name();
        this.type = event.type();
    }
}

package io.eyrie.commandside.project;

import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentAddedToGroup;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupType;
import io.eyrie.commandside.deployment.Deployment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/** Groups deployments of one type; keeps their names unique and hands its type to each new deployment. */
@Aggregate
public class DeploymentGroup {
    @AggregateIdentifier
    private String id;
    private GroupType type;
    private final Set<String> deploymentNames = new HashSet<>();

    protected DeploymentGroup() {
    }

    DeploymentGroup(CreateDeploymentGroup command) {
        apply(new DeploymentGroupCreated(command.groupId(), command.project(), command.name(), command.type()));
    }

    @CommandHandler
    public void handle(CreateDeployment command) throws Exception {
        if (deploymentNames.contains(command.name())) {
            throw new DeploymentNameTakenException(id, command.name());
        }
        apply(new DeploymentAddedToGroup(id, command.deploymentId(), command.name()));
        createNew(Deployment.class, () -> new Deployment(command, type));
    }

    @EventSourcingHandler
    void on(DeploymentGroupCreated event) {
        this.id = event.groupId();
        this.type = event.type();
    }

    @EventSourcingHandler
    void on(DeploymentAddedToGroup event) {
        deploymentNames.add(event.name());
    }
}

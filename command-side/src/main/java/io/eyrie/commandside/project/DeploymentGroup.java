package io.eyrie.commandside.project;

import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.deployment.Deployment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

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

    protected DeploymentGroup() {
    }

    DeploymentGroup(CreateDeploymentGroup command) {
        apply(new DeploymentGroupCreated(command.group(), command.project(), command.name(), command.type()));
    }

    @CommandHandler
    public void handle(CreateDeployment command) throws Exception {
        createNew(Deployment.class, () -> new Deployment(command, project, name, type));
    }

    @EventSourcingHandler
    void on(DeploymentGroupCreated event) {
        this.id = event.group();
        this.project = event.project();
        this.name = event.name();
        this.type = event.type();
    }
}

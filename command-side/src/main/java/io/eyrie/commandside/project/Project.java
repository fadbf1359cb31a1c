package io.eyrie.commandside.project;

import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * The top-level unit: its slug is its identity, so a second project with the same slug collides in the event
 * store. Groups are created through it, which proves the project exists.
 */
@Aggregate(filterEventsByType = true)
public class Project {
    @AggregateIdentifier
    private ProjectId id;

    protected Project() {
    }

    @CommandHandler
    public Project(CreateProject command) {
        apply(new ProjectCreated(command.project(), command.name()));
    }

    @CommandHandler
    public void handle(CreateDeploymentGroup command) throws Exception {
        createNew(DeploymentGroup.class, () -> new DeploymentGroup(command));
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        this.id = event.project();
    }
}

package io.eyrie.commandside.deployment;

import io.eyrie.api.book.Books;
import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionRequested;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeployRequested;
import io.eyrie.api.deployment.Deployed;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentRoleOverridden;
import io.eyrie.api.deployment.DeploymentRoleOverrideRemoved;
import io.eyrie.api.deployment.DropRequested;
import io.eyrie.api.deployment.Dropped;
import io.eyrie.api.deployment.FailAction;
import io.eyrie.api.deployment.InitializeRequested;
import io.eyrie.api.deployment.Initialized;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.PauseRequested;
import io.eyrie.api.deployment.Paused;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One running instance. It decides which lifecycle action may start and records how its Book job ended; the
 * lifecycle only moves when a job succeeds, and at most one job runs at a time.
 */
@Aggregate(filterEventsByType = true)
public class Deployment {
    @AggregateIdentifier
    private DeploymentId id;
    private ProjectId project;
    private final Map<String, Role> overrides = new HashMap<>();
    private GroupType type;
    private String image;
    private Lifecycle lifecycle;
    private RunningJob running;

    protected Deployment() {
    }

    public Deployment(CreateDeployment command, ProjectId project, String groupName, GroupType type) {
        apply(new DeploymentCreated(command.deploymentId(), project, command.group(), groupName, type,
                command.name(), command.scope(), command.image()));
    }

    @CommandHandler
    public void handle(RequestAction command) {
        List<Action> allowed = allowedActions();
        if (!allowed.contains(command.action())) {
            throw new ActionRefusedException(id.value(), command.action(), lifecycle,
                    running == null ? null : running.jobId().value(), allowed);
        }
        String book = Books.name(type, command.action());
        apply(switch (command.action()) {
            case INITIALIZE -> new InitializeRequested(id, project, command.jobId(), book, image);
            case DEPLOY -> new DeployRequested(id, project, command.jobId(), book, image);
            case PAUSE -> new PauseRequested(id, project, command.jobId(), book, image);
            case DROP -> new DropRequested(id, project, command.jobId(), book, image);
        });
    }

    @CommandHandler
    public void handle(CompleteAction command) {
        requireRunning(command.jobId());
        apply(switch (running.action()) {
            case INITIALIZE -> new Initialized(id, command.jobId());
            case DEPLOY -> new Deployed(id, command.jobId());
            case PAUSE -> new Paused(id, command.jobId());
            case DROP -> new Dropped(id, command.jobId());
        });
    }

    @CommandHandler
    public void handle(FailAction command) {
        requireRunning(command.jobId());
        apply(new ActionFailed(id, command.jobId(), running.action(), command.error()));
    }

    @CommandHandler
    public void handle(SetDeploymentRoleOverride command) {
        if (overrides.get(command.user()) != command.role()) {
            apply(new DeploymentRoleOverridden(id, project, command.user(), command.role()));
        }
    }

    /** Removing an override that does not exist changes nothing, so a retried DELETE is harmless. */
    @CommandHandler
    public void handle(RemoveDeploymentRoleOverride command) {
        if (overrides.containsKey(command.user())) {
            apply(new DeploymentRoleOverrideRemoved(id, project, command.user()));
        }
    }

    /** Drop is open from every live phase until scopes carry their allow-drop policy. */
    List<Action> allowedActions() {
        if (running != null) {
            return List.of();
        }
        return switch (lifecycle) {
            case DRAFT -> List.of(Action.INITIALIZE, Action.DROP);
            case INITIALIZE, PAUSE -> List.of(Action.DEPLOY, Action.DROP);
            case DEPLOY -> List.of(Action.PAUSE, Action.DROP);
            case DROPPED -> List.of();
        };
    }

    private void requireRunning(JobId jobId) {
        if (running == null || !running.jobId().equals(jobId)) {
            throw new UnknownJobException(id.value(), jobId.value(), running == null ? null : running.jobId().value());
        }
    }

    @EventSourcingHandler
    void on(DeploymentCreated event) {
        this.id = event.deploymentId();
        this.project = event.project();
        this.type = event.type();
        this.image = event.image();
        this.lifecycle = Lifecycle.DRAFT;
    }

    @EventSourcingHandler
    void on(DeploymentRoleOverridden event) {
        overrides.put(event.user(), event.role());
    }

    @EventSourcingHandler
    void on(DeploymentRoleOverrideRemoved event) {
        overrides.remove(event.user());
    }

    @EventSourcingHandler
    void on(ActionRequested event) {
        this.running = new RunningJob(event.jobId(), event.action());
    }

    @EventSourcingHandler
    void on(ActionCompleted event) {
        this.lifecycle = event.lifecycle();
        this.running = null;
    }

    @EventSourcingHandler
    void on(ActionFailed event) {
        this.running = null;
    }

    private record RunningJob(JobId jobId, Action action) {
    }
}

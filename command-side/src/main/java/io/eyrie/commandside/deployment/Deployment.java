package io.eyrie.commandside.deployment;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionRequested;
import io.eyrie.api.deployment.ActionRules;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.ChangeDeployment;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.DeployRequested;
import io.eyrie.api.deployment.Deployed;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentRoleOverridden;
import io.eyrie.api.deployment.DeploymentRoleOverrideRemoved;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DropRequested;
import io.eyrie.api.deployment.Dropped;
import io.eyrie.api.deployment.FailAction;
import io.eyrie.api.deployment.InitializeRequested;
import io.eyrie.api.deployment.Initialized;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.PauseRequested;
import io.eyrie.api.deployment.Paused;
import io.eyrie.api.deployment.RecordCancellation;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.RequestCancel;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Role;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.book.Jobs;
import io.eyrie.commandside.deployment.type.DeploymentType;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.commandside.directory.Directory.ScopePolicy;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.directory.References;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.platform.web.Problems;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One running instance. It decides which action may start ({@link ActionRules}, with drop only where its scope
 * allows it) and records how its Book job ended; the lifecycle only moves when a job succeeds, and at most one job
 * runs at a time. Every change of its spec is a new version, with the spec before and after.
 */
@Aggregate(filterEventsByType = true, cache = "deploymentCache")
public class Deployment {
    @AggregateIdentifier
    private DeploymentId id;
    private ProjectId project;
    private GroupId group;
    private GroupType type;
    private String name;
    private String namespace;
    private DeploymentSpec spec;
    private int version;
    private Lifecycle lifecycle;
    private RunningJob running;
    private final Map<String, Role> overrides = new HashMap<>();

    protected Deployment() {
    }

    /** Made by its group, which has already filled in and checked the spec. */
    public Deployment(DeploymentCreated created) {
        apply(created);
    }

    @CommandHandler
    public void handle(RequestAction command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines) throws Exception {
        Action action = command.action();
        if (!action.runsBook()) {
            throw new IllegalArgumentException(action.wire() + " is not asked for with RequestAction");
        }
        boolean dropAllowed = scopePolicy(directory).allowDrop();
        List<Action> allowed = ActionRules.allowed(lifecycle, running != null, dropAllowed);
        if (!allowed.contains(action)) {
            throw new ActionRefusedException(id.value(), action, lifecycle,
                    running == null ? null : running.jobId().value(), allowed,
                    action == Action.DROP && running == null && lifecycle != Lifecycle.DROPPED && !dropAllowed
                            ? "scope '" + spec.scope() + "' does not allow drop" : null);
        }
        DeploymentType deploymentType = types.of(type);
        if (action == Action.INITIALIZE || action == Action.DEPLOY) {
            List<Problems.FieldError> missing = deploymentType.missing(spec.config());
            if (!missing.isEmpty()) {
                throw new ConfigIncompleteException(action.wire(), missing);
            }
        }
        String book = deploymentType.book(action, directory.groupSettings(group).books());
        Jobs.Planned planned = jobs.plan(directory, book, type);
        apply(switch (action) {
            case INITIALIZE -> new InitializeRequested(id, project, command.jobId(), book, spec.image());
            case DEPLOY -> new DeployRequested(id, project, command.jobId(), book, spec.image());
            case PAUSE -> new PauseRequested(id, project, command.jobId(), book, spec.image());
            case DROP -> new DropRequested(id, project, command.jobId(), book, spec.image());
            case CANCEL -> throw new IllegalStateException("unreachable");
        });
        JobTarget target = new JobTarget(project.value(), namespace, name, directory.clusterTargets(spec.clusters()),
                spec.services(), spec.config());
        jobs.create(command.jobId(), id, project, action, planned, spec.image(), target, deadlines);
    }

    /** Accepted whenever a job runs; the job records the cancellation, and its end comes back as usual. */
    @CommandHandler
    public JobId handle(RequestCancel command, Directory directory,
                        @MetaDataValue(AuditMetaData.INITIATOR) String actor) {
        if (running == null || command.jobId() != null && !command.jobId().equals(running.jobId())) {
            throw new ActionRefusedException(id.value(), Action.CANCEL, lifecycle,
                    running == null ? null : running.jobId().value(),
                    ActionRules.allowed(lifecycle, running != null, scopePolicy(directory).allowDrop()),
                    running == null ? "no job is running" : "job " + command.jobId().value() + " is not the running one");
        }
        apply(new CancelRequested(id, running.jobId(), "cancelled by " + actor));
        return running.jobId();
    }

    /**
     * A change while a job runs applies to the next action. A new scope must be one of the group's; new clusters
     * must be linked to the group or the scope and active. Services that ran the old image follow a new one.
     */
    @CommandHandler
    public void handle(ChangeDeployment command, Directory directory, DeploymentTypes types,
                       @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        if (lifecycle == Lifecycle.DROPPED) {
            throw new GroupRuleException("deployment-dropped", "Deployment " + id.value() + " was dropped");
        }
        var settings = command.settings();
        DeploymentSpec next = settings.applyTo(spec);
        if (settings.image() != null && settings.services() == null) {
            next = withServices(next, next.services().stream()
                    .map(service -> Objects.equals(service.image(), spec.image())
                            ? new Service(service.name(), settings.image(), service.replicas(), service.env())
                            : service)
                    .toList());
        }
        List<String> changed = spec.differences(next);
        if (changed.isEmpty()) {
            return;
        }
        ScopePolicy scope = directory.scope(group, next.scope()).orElseThrow(() -> new InvalidInputException("scope",
                "is not a scope of the deployment's group"));
        if (changed.contains("scope")) {
            directory.requireRoleToWorkIn(project, group, id, scope.name(), scope.roleToAct(), actor, platformAdmin);
        }
        if (changed.contains("clusters") || changed.contains("scope")) {
            Set<ClusterId> linked = new LinkedHashSet<>(directory.groupSettings(group).clusters());
            linked.addAll(scope.clusters());
            References.requireUsableClusters(directory, next.clusters(), linked,
                    "the group or scope '" + scope.name() + "'");
        }
        List<Problems.FieldError> badConfig = types.of(type).checkShape(next.config());
        if (!badConfig.isEmpty()) {
            throw new InvalidInputException(badConfig);
        }
        References.requireReferences(directory, project, type, next, spec);
        apply(new DeploymentChanged(id, project, version + 1, changed, spec, next));
    }

    /** Job outcomes arrive at least once: one for a job that is no longer the running one changes nothing. */
    @CommandHandler
    public void handle(CompleteAction command) {
        if (isRunning(command.jobId())) {
            apply(switch (running.action()) {
                case INITIALIZE -> new Initialized(id, command.jobId());
                case DEPLOY -> new Deployed(id, command.jobId());
                case PAUSE -> new Paused(id, command.jobId());
                case DROP -> new Dropped(id, command.jobId());
                case CANCEL -> throw new IllegalStateException("a cancel runs no job");
            });
        }
    }

    @CommandHandler
    public void handle(FailAction command) {
        if (isRunning(command.jobId())) {
            apply(new ActionFailed(id, command.jobId(), running.action(), command.error()));
        }
    }

    @CommandHandler
    public void handle(RecordCancellation command) {
        if (isRunning(command.jobId())) {
            apply(new ActionCancelled(id, command.jobId(), running.action(), command.reason()));
        }
    }

    /** Always recorded: a member who left and came back has no override, whatever this deployment last heard. */
    @CommandHandler
    public void handle(SetDeploymentRoleOverride command, Directory directory,
                       @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        directory.requireOwnerToTouchAdmin(project, id, command.user(),
                command.role(), actor, platformAdmin);
        apply(new DeploymentRoleOverridden(id, project, command.user(), command.role()));
    }

    /** Removing an override that does not exist changes nothing, so a retried DELETE is harmless. */
    @CommandHandler
    public void handle(RemoveDeploymentRoleOverride command, Directory directory,
                       @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        directory.requireOwnerToTouchAdmin(project, id, command.user(), null,
                actor, platformAdmin);
        if (overrides.containsKey(command.user())) {
            apply(new DeploymentRoleOverrideRemoved(id, project, command.user()));
        }
    }

    private ScopePolicy scopePolicy(Directory directory) {
        return directory.scope(group, spec.scope()).orElseThrow(() -> new IllegalStateException(
                "deployment " + id + " is in scope '" + spec.scope() + "', which its group no longer has"));
    }

    private static DeploymentSpec withServices(DeploymentSpec spec, List<Service> services) {
        return new DeploymentSpec(spec.scope(), spec.clusters(), spec.repository(), spec.branch(), spec.image(),
                spec.commitRef(), services, spec.config(), spec.subscribeTo());
    }

    private boolean isRunning(JobId jobId) {
        return running != null && running.jobId().equals(jobId);
    }

    @EventSourcingHandler
    void on(DeploymentCreated event) {
        this.id = event.deploymentId();
        this.project = event.project();
        this.group = event.group();
        this.type = event.type();
        this.name = event.name();
        this.namespace = event.kubernetesNamespace();
        this.spec = event.spec();
        this.version = 1;
        this.lifecycle = Lifecycle.DRAFT;
    }

    @EventSourcingHandler
    void on(DeploymentChanged event) {
        this.spec = event.after();
        this.version = event.version();
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

    @EventSourcingHandler
    void on(ActionCancelled event) {
        this.running = null;
    }

    private record RunningJob(JobId jobId, Action action) {
    }
}

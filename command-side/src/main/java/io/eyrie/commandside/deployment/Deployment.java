package io.eyrie.commandside.deployment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.Books;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionAccepted;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.ActionMerged;
import io.eyrie.api.deployment.ActionPlan;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionRules;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.ChangeDeployment;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.DeployPushedImage;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentRoleOverridden;
import io.eyrie.api.deployment.DeploymentRoleOverrideRemoved;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.DeploymentUnpinned;
import io.eyrie.api.deployment.FailAction;
import io.eyrie.api.deployment.FireScopeTimer;
import io.eyrie.api.deployment.ImagePushIgnored;
import io.eyrie.api.deployment.InitialReleaseRecorded;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.PlanAction;
import io.eyrie.api.deployment.QueueHeld;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.QueuedActionRefused;
import io.eyrie.api.deployment.RecordCancellation;
import io.eyrie.api.deployment.RecordInitialRelease;
import io.eyrie.api.deployment.RedeploySkipped;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.id.Ids;
import io.eyrie.api.monitor.CreateMonitor;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorRules;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.job.manifests.TemplateContext;
import io.eyrie.monitor.Monitor;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.RequestCancel;
import io.eyrie.api.deployment.ResumeQueue;
import io.eyrie.api.deployment.ScopeTimerSkipped;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.deployment.UnpinDeployment;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.Freeze;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Strategy;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.book.Jobs;
import io.eyrie.commandside.deployment.type.DeploymentType;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.commandside.directory.Directory.LatestPush;
import io.eyrie.commandside.directory.Directory.ScopePolicy;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.directory.References;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.platform.web.Problems;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * One running instance. It decides which action may start or wait ({@link ActionRules}, narrowed by its scope),
 * keeps its queue of waiting actions, records the releases its deploys make and which one is active, and records how
 * each Book job ended; the lifecycle only moves when a job succeeds, and at most one job runs at a time. Every change
 * of its spec is a new version, with the spec before and after.
 */
@Aggregate(filterEventsByType = true, cache = "deploymentCache", snapshotTriggerDefinition = "deploymentSnapshots")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Deployment {
    static final String SYSTEM = "system";
    private static final int RECENT_JOBS = 64;

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
    private DeploymentStatus status;
    /** The status it had when it last was idle, for when a queue empties while nothing runs. */
    private DeploymentStatus idleStatus;
    private RunningJob running;
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private final Map<Integer, Release> releases = new HashMap<>();
    private final Set<Integer> everActive = new HashSet<>();
    private Integer activeRelease;
    private int lastRelease;
    private Integer pinnedAt;
    /** When its scope's timers pause and drop it, counted from its last deploy; null when none runs. */
    private Instant pauseAt;
    private Instant dropAt;
    private final Map<String, Role> overrides = new HashMap<>();
    /** The ids of the latest jobs it ran, so that a request repeated by a coordinator is not run twice. */
    private final Set<JobId> recentJobs = new LinkedHashSet<>();

    protected Deployment() {
    }

    /** Made by its group, which has already filled in and checked the spec. */
    public Deployment(DeploymentCreated created) {
        apply(created);
    }

    /**
     * Starts the action, or queues it while the deployment is busy (merging an identical waiting request of the same
     * user), unless the table or the scope refuses it. A redeploy that would change nothing runs nothing.
     */
    @CommandHandler
    public ActionAccepted handle(RequestAction command, Directory directory, DeploymentTypes types, Jobs jobs,
                                 DeadlineManager deadlines, ActionQueueSettings queueSettings,
                                 @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                                 @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) throws Exception {
        Action action = command.action();
        if (!action.runsBook()) {
            throw new IllegalArgumentException(action.wire() + " is not asked for with RequestAction");
        }
        if (recentJobs.contains(command.jobId())
                || queue.stream().anyMatch(waiting -> waiting.jobId().equals(command.jobId()))) {
            // A coordinator asking again for a job it already asked for: done already.
            return new ActionAccepted(command.jobId(), !isRunning(command.jobId()) && !recentJobs.contains(command.jobId()),
                    false, true);
        }
        ScopePolicy scope = scopePolicy(directory);
        List<Action> allowed = ActionRules.allowed(lifecycle, status, scope.allowDrop(), scope.concurrency());
        if (!allowed.contains(action)) {
            throw refusal(action, allowed, whyNot(action, scope));
        }
        String asker = actor == null ? SYSTEM : actor;
        Optional<Freeze> freeze = action.recordsRelease() ? scope.freezeAt(now()) : Optional.empty();
        String override = command.input().overrideFreeze();
        String reason = command.reason();
        if (freeze.isPresent() && override != null) {
            directory.requireRoleToAct(project, group, id, scope.name(), Role.ADMIN, asker, platformAdmin,
                    "to deploy through freeze '" + freeze.get().name() + "'");
            reason = "freeze '" + freeze.get().name() + "' overridden by " + asker + ": " + override;
        } else if (freeze.isPresent() && freeze.get().refuse()) {
            throw refusal(action, allowed, "scope '" + scope.name() + "' is frozen by '" + freeze.get().name()
                    + "' until " + freeze.get().to() + "; an admin may override it with a reason (overrideFreeze)");
        }
        Optional<Freeze> holding = override == null ? freeze : Optional.empty();
        Waiting request = new Waiting(command.jobId(), action, command.input(), asker, reason);
        if (!ActionRules.queues(status) && holding.isEmpty()) {
            return begin(request, false, new Tools(directory, types, jobs, deadlines));
        }
        for (Waiting waiting : queue) {
            if (waiting.sameRequestAs(request)) {
                apply(new ActionMerged(id, waiting.jobId(), action));
                return new ActionAccepted(waiting.jobId(), true, true, true);
            }
        }
        if (queue.size() >= queueSettings.limit()) {
            throw new QueueFullException(id.value(), queueSettings.limit());
        }
        apply(new ActionQueued(id, project, command.jobId(), action, command.input(), reason,
                holding.map(Deployment::heldBy).orElse(running != null
                        ? "job " + running.jobId().value() + " (" + running.action().wire() + ") is running"
                        : "the actions queued before it"), running != null ? status : DeploymentStatus.QUEUED,
                holding.map(Freeze::to).orElse(null)));
        return new ActionAccepted(command.jobId(), true, false, true);
    }

    /**
     * A dry run: what {@link RequestAction} would do now, decided by the same rules, with nothing recorded. A refusal
     * is an answer here, naming the rule, not an exception.
     */
    @CommandHandler
    public ActionPlan handle(PlanAction command, Directory directory, DeploymentTypes types, Jobs jobs,
                             ActionQueueSettings queueSettings, @MetaDataValue(AuditMetaData.INITIATOR) String actor) {
        Action action = command.action();
        List<Action> allowed = allowedNow(directory);
        if (action == Action.CANCEL) {
            JobId named = command.job();
            if (named != null && queue.stream().anyMatch(waiting -> waiting.jobId().equals(named))) {
                return plan(ActionPlan.Outcome.START, "cancels job " + named.value() + ", which waits in the queue"
                        + " and would never start", allowed, null, null, named);
            }
            if (running != null && (named == null || named.equals(running.jobId()))) {
                boolean restores = running.action().recordsRelease() && !running.restore() && activeRelease != null
                        && lifecycle == Lifecycle.DEPLOY;
                return plan(ActionPlan.Outcome.START, "cancels the running job " + running.jobId().value()
                        + (restores ? ", then a job puts release v" + activeRelease + " back" : ""), allowed, null,
                        null, running.jobId());
            }
            return plan(ActionPlan.Outcome.REFUSE, named == null ? "no job is running"
                    : "job " + named.value() + " is neither running nor queued here", allowed, null, null, null);
        }
        if (!allowed.contains(action)) {
            String why = whyNot(action, scopePolicy(directory));
            return plan(ActionPlan.Outcome.REFUSE, why != null ? why : "the table allows no " + action.wire()
                    + " in lifecycle '" + lifecycle.wire() + "' with status '" + status.wire() + "'", allowed, null,
                    null, null);
        }
        Waiting request = new Waiting(JobId.random(), action, command.input(), actor == null ? SYSTEM : actor, null);
        ActionPlan.Outcome outcome = ActionPlan.Outcome.START;
        String rule = null;
        Optional<Freeze> freeze = action.recordsRelease() && command.input().overrideFreeze() == null
                ? scopePolicy(directory).freezeAt(now()) : Optional.empty();
        if (freeze.isPresent() && freeze.get().refuse()) {
            return plan(ActionPlan.Outcome.REFUSE, "frozen by '" + freeze.get().name() + "' until "
                    + freeze.get().to(), allowed, null, null, null);
        }
        if (freeze.isPresent()) {
            outcome = ActionPlan.Outcome.QUEUE;
            rule = "held by " + heldBy(freeze.get()) + "; shown as if it started now";
        } else if (ActionRules.queues(status)) {
            Optional<Waiting> same = queue.stream().filter(waiting -> waiting.sameRequestAs(request)).findFirst();
            if (same.isPresent()) {
                outcome = ActionPlan.Outcome.MERGE;
                rule = "the same request of yours already waits as job " + same.get().jobId().value();
            } else if (queue.size() >= queueSettings.limit()) {
                return plan(ActionPlan.Outcome.REFUSE, new QueueFullException(id.value(), queueSettings.limit())
                        .getMessage(), allowed, null, null, null);
            } else {
                outcome = ActionPlan.Outcome.QUEUE;
                rule = "it would wait behind " + (running != null ? "job " + running.jobId().value() + " ("
                        + running.action().wire() + ")" : "the actions queued before it") + " and " + queue.size()
                        + " waiting; shown as if it started now";
            }
        }
        try {
            Decision decision = decide(request, new Tools(directory, types, jobs, null));
            if (decision.unchanged() && outcome == ActionPlan.Outcome.START) {
                return plan(ActionPlan.Outcome.SKIP, "nothing differs from the active release v" + activeRelease,
                        allowed, decision, request, null);
            }
            return plan(outcome, rule, allowed, decision, request, null);
        } catch (RuntimeException refused) {
            if (!Refusals.isRefusal(refused)) {
                throw refused;
            }
            return plan(ActionPlan.Outcome.REFUSE, refused.getMessage(), allowed, null, null, null);
        }
    }

    private ActionPlan plan(ActionPlan.Outcome outcome, String rule, List<Action> allowed, Decision decision,
                            Waiting request, JobId cancels) {
        if (decision == null) {
            return new ActionPlan(outcome, rule, allowed, lifecycle, status, activeRelease, null, null, List.of(),
                    null, List.of(), List.of(), null, null, cancels == null ? null : cancels.value());
        }
        Release release = decision.release() == null ? null : new Release(decision.release().version(),
                decision.release().services(), decision.release().commitRef(), decision.release().notes(),
                decision.release().rollbackOf(), null, decision.release().strategy());
        return new ActionPlan(outcome, rule, allowed, lifecycle, status, activeRelease, decision.planned().book(),
                decision.planned().version(), decision.planned().steps(), release,
                release == null ? List.of() : ActionPlan.changes(active(), release), spec.differences(decision.spec()),
                new JobTarget(project.value(), namespace, name, List.of(), decision.services(), spec.config()),
                decision.spec().image(), null);
    }

    /**
     * Attaches a monitor, checked from now on while a release runs, else from the next deploy: deciding it here
     * orders the creation among the deployment's own pauses and deploys, so no start or stop of checks is missed.
     */
    @CommandHandler
    public MonitorId handle(CreateMonitor command, Directory directory) throws Exception {
        if (lifecycle == Lifecycle.DROPPED) {
            throw new GroupRuleException("deployment-dropped", "Deployment '" + name + "' was dropped; there is nothing to monitor");
        }
        JobTarget target = new JobTarget(project.value(), namespace, name, directory.clusterTargets(spec.clusters()),
                spec.services(), spec.config());
        MonitorSpec complete = MonitorRules.withDefaults(command.spec(), TemplateContext.serviceUrl(target, spec.image()));
        List<MonitorRules.Problem> problems = MonitorRules.problems(complete);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream()
                    .map(problem -> new Problems.FieldError(problem.field(), problem.message())).toList());
        }
        boolean checking = lifecycle == Lifecycle.DEPLOY && activeRelease != null;
        createNew(Monitor.class, () -> new Monitor(new MonitorCreated(command.monitorId(), id, project, group,
                spec.scope(), complete, target, checking)));
        return command.monitorId();
    }

    /**
     * Always accepted while there is something to cancel: a queued action never starts; the running job is asked to
     * stop, and its end comes back as usual. Asking again while it stops changes nothing.
     */
    @CommandHandler
    public JobId handle(RequestCancel command, Directory directory,
                        @MetaDataValue(AuditMetaData.INITIATOR) String actor) {
        JobId named = command.jobId();
        Optional<Waiting> queued = queue.stream().filter(waiting -> waiting.jobId().equals(named)).findFirst();
        if (queued.isPresent()) {
            boolean emptied = queue.size() == 1 && running == null;
            apply(new QueuedActionCancelled(id, named, queued.get().action(), "cancelled by " + actor,
                    emptied ? idleStatus : status));
            return named;
        }
        if (running != null && (named == null || named.equals(running.jobId()))) {
            if (!running.cancelRequested()) {
                apply(new CancelRequested(id, running.jobId(), "cancelled by " + actor, DeploymentStatus.CANCELLING));
            }
            return running.jobId();
        }
        throw refusal(Action.CANCEL, allowedNow(directory),
                named == null ? "no job is running" : "job " + named.value() + " is neither running nor queued here");
    }

    /**
     * A push of the subscribed image deploys its newest digest, as {@code system}, queued like any action. It is
     * ignored, and the reason recorded, while the deployment is not deployed, is pinned, or cannot take it now.
     */
    @CommandHandler
    public void handle(DeployPushedImage command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines, ActionQueueSettings queueSettings) throws Exception {
        String ignored = lifecycle != Lifecycle.DEPLOY ? "the deployment is not deployed (lifecycle '" + lifecycle.wire() + "')"
                : pinnedAt != null ? "a rollback pinned the deployment at release v" + pinnedAt : null;
        if (ignored == null && (isRunning(command.jobId())
                || queue.stream().anyMatch(waiting -> waiting.jobId().equals(command.jobId())))) {
            return;
        }
        if (ignored == null) {
            try {
                handle(new RequestAction(id, Action.DEPLOY_LATEST, command.jobId(), ActionInput.NONE,
                        "push of " + command.image() + ":" + command.tag() + " (" + command.digest() + ")"),
                        directory, types, jobs, deadlines, queueSettings, SYSTEM, null);
                return;
            } catch (RuntimeException refused) {
                if (!Refusals.isRefusal(refused)) {
                    throw refused;
                }
                ignored = refused.getMessage();
            }
        }
        apply(new ImagePushIgnored(id, command.image(), command.tag(), command.digest(), ignored));
    }

    /**
     * ctrlplane's RecordInitial, done idempotently: the first release of a deployment that runs already. Refused
     * once the deployment has run a job of its own, since then Eyrie knows what runs.
     */
    @CommandHandler
    public int handle(RecordInitialRelease command, Directory directory) {
        if (lastRelease > 0) {
            return releases.containsKey(1) && releases.get(1).jobId() == null ? 1 : refuseInitial(directory,
                    "the deployment already has releases; its first was made by job " + releases.get(1).jobId().value());
        }
        if (lifecycle == Lifecycle.DROPPED || ActionRules.queues(status)) {
            return refuseInitial(directory, "only an idle deployment that was never deployed is adopted");
        }
        Releases.Candidate what = Releases.current(spec, null);
        apply(new InitialReleaseRecorded(id, project, new Release(1, what.services(), what.commitRef(),
                command.notes() == null ? "recorded from what runs" : command.notes(), null, null, null)));
        return 1;
    }

    private int refuseInitial(Directory directory, String reason) {
        throw new ActionRefusedException(id.value(), Action.DEPLOY, lifecycle, status,
                running == null ? null : running.jobId().value(), allowedNow(directory), reason);
    }

    /**
     * A scope timer came due. It pauses (or drops) the deployment like any action, queued if busy, as {@code system}
     * with the timer as its reason; a timer that has moved since (a deploy reset it) or already fired does nothing.
     */
    @CommandHandler
    public void handle(FireScopeTimer command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines, ActionQueueSettings queueSettings) throws Exception {
        Instant due = command.action() == Action.PAUSE ? pauseAt : command.action() == Action.DROP ? dropAt : null;
        if (due == null || !due.equals(millis(command.dueAt()))) {
            return;
        }
        JobId job = new JobId(Ids.uuidFrom(id.value() + "/" + command.action().wire() + "/" + due));
        if (isRunning(job) || queue.stream().anyMatch(waiting -> waiting.jobId().equals(job))) {
            return;
        }
        ScopePolicy scope = scopePolicy(directory);
        Long seconds = command.action() == Action.PAUSE ? scope.pauseAfterSeconds() : scope.dropAfterSeconds();
        String reason = "scope '" + scope.name() + "' " + (command.action() == Action.PAUSE ? "pauses" : "drops")
                + " a deployment " + (seconds == null ? "some time" : seconds + " s") + " after it was deployed";
        try {
            handle(new RequestAction(id, command.action(), job, ActionInput.NONE, reason), directory, types, jobs,
                    deadlines, queueSettings, SYSTEM, null);
        } catch (RuntimeException refused) {
            if (!Refusals.isRefusal(refused)) {
                throw refused;
            }
            apply(new ScopeTimerSkipped(id, command.action(), due, refused.getMessage()));
        }
    }

    /**
     * A deploy starts the scope's timers afresh; a restart keeps them; a pause ends the pause timer and keeps the
     * drop timer; a drop ends both. The scope is read now, so a changed timer counts from the next deploy.
     */
    private Instant[] timersAfter(Action action, ScopePolicy scope) {
        Instant now = millis(GenericEventMessage.clock.instant());
        if (action.recordsRelease()) {
            return new Instant[]{scope.pauseAfterSeconds() == null ? null : now.plusSeconds(scope.pauseAfterSeconds()),
                    scope.dropAfterSeconds() == null || !scope.allowDrop() ? null
                            : now.plusSeconds(scope.dropAfterSeconds())};
        }
        return switch (action) {
            case RESTART -> new Instant[]{pauseAt, dropAt};
            case PAUSE -> new Instant[]{null, dropAt};
            default -> new Instant[]{null, null};
        };
    }

    /** The scheduler keeps instants to the millisecond or finer, so timers are kept to the millisecond. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** A freeze that held the queue ended; a repeated or early wake-up finds it still held, or nothing to do. */
    @CommandHandler
    public void handle(ResumeQueue command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines) throws Exception {
        if (running == null && !queue.isEmpty()) {
            startNext(new Tools(directory, types, jobs, deadlines));
        }
    }

    private static String heldBy(Freeze freeze) {
        return "freeze '" + freeze.name() + "' until " + freeze.to();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /** After a rollback, image pushes leave the deployment alone until someone un-pins it. */
    @CommandHandler
    public void handle(UnpinDeployment command) {
        if (pinnedAt != null) {
            apply(new DeploymentUnpinned(id, pinnedAt));
        }
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
    public void handle(CompleteAction command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines) throws Exception {
        if (isRunning(command.jobId())) {
            RunningJob ended = running;
            Action action = ended.action();
            if (ended.restore()) {
                // The release that was cancelled, or whose canary failed, is not the one that runs.
                apply(new ActionCompleted(id, command.jobId(), action, lifecycle, activeRelease,
                        status == DeploymentStatus.ABORTING ? DeploymentStatus.DEPLOYMENT_ERROR : DeploymentStatus.CANCELLED,
                        pauseAt, dropAt));
            } else {
                Integer active = action == Action.DROP ? null : ended.release() != null ? ended.release() : activeRelease;
                Instant[] timers = timersAfter(action, scopePolicy(directory));
                apply(new ActionCompleted(id, command.jobId(), action, action.target(), active,
                        DeploymentStatus.succeeded(action), timers[0], timers[1]));
            }
            startNext(new Tools(directory, types, jobs, deadlines));
        }
    }

    @CommandHandler
    public void handle(FailAction command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines) throws Exception {
        if (isRunning(command.jobId())) {
            RunningJob failed = running;
            String error = !failed.restore() ? command.error() : (status == DeploymentStatus.ABORTING
                    ? "removing the canary and restoring release v" : "restoring release v")
                    + failed.release() + (status == DeploymentStatus.ABORTING ? " failed: " : " after a cancel failed: ")
                    + command.error();
            apply(new ActionFailed(id, command.jobId(), failed.action(), error, DeploymentStatus.failed(failed.action())));
            Tools tools = new Tools(directory, types, jobs, deadlines);
            if (!failed.restore() && strategyOf(failed) == Strategy.CANARY && activeRelease != null) {
                startRestore(failed, true, tools);
            } else {
                startNext(tools);
            }
        }
    }

    /**
     * A cancelled deploy leaves its services half changed, so, as Qovery does, a job puts the active release back;
     * the card says cancelling until it has. Other cancelled actions, and a cancelled restore, restore nothing.
     */
    @CommandHandler
    public void handle(RecordCancellation command, Directory directory, DeploymentTypes types, Jobs jobs,
                       DeadlineManager deadlines) throws Exception {
        if (isRunning(command.jobId())) {
            RunningJob cancelled = running;
            boolean restore = !cancelled.restore() && cancelled.action().recordsRelease() && activeRelease != null
                    && lifecycle == Lifecycle.DEPLOY;
            apply(new ActionCancelled(id, command.jobId(), cancelled.action(), command.reason(),
                    restore ? DeploymentStatus.CANCELLING : DeploymentStatus.CANCELLED));
            Tools tools = new Tools(directory, types, jobs, deadlines);
            if (restore) {
                startRestore(cancelled, false, tools);
            } else {
                startNext(tools);
            }
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

    /** Everything that starting a job needs besides the aggregate itself. */
    private record Tools(Directory directory, DeploymentTypes types, Jobs jobs, DeadlineManager deadlines) {
    }

    /**
     * Starts a request now: records its release, if it makes one, and its job. Everything is decided before the
     * first event is applied, so a refusal leaves nothing behind.
     */
    private ActionAccepted begin(Waiting request, boolean fromQueue, Tools tools) throws Exception {
        Decision decision = decide(request, tools);
        if (decision.unchanged()) {
            apply(new RedeploySkipped(id, fromQueue ? request.jobId() : null, activeRelease, status));
            return new ActionAccepted(null, false, false, false);
        }
        List<String> changed = spec.differences(decision.spec());
        if (!changed.isEmpty()) {
            apply(new DeploymentChanged(id, project, version + 1, changed, spec, decision.spec()));
        }
        if (decision.release() != null) {
            apply(new ReleaseRecorded(id, project, decision.release()));
        }
        Action action = request.action();
        apply(new ActionStarted(id, project, request.jobId(), action, decision.planned().book(), spec.image(),
                decision.release() == null ? null : decision.release().version(), false, request.initiator(),
                request.reason(), DeploymentStatus.running(action)));
        createJob(request.jobId(), action, decision.planned(), decision.services(), tools);
        return fromQueue ? new ActionAccepted(request.jobId(), true, false, true) : ActionAccepted.started(request.jobId());
    }

    /**
     * What starting a request now would do, decided without recording anything: its Book's steps, the release it
     * records, the spec afterwards and the services its job applies; {@code unchanged} when a redeploy finds nothing
     * to change. Refusals are thrown.
     */
    private Decision decide(Waiting request, Tools tools) {
        Action action = request.action();
        DeploymentType deploymentType = tools.types().of(type);
        if (action == Action.INITIALIZE || action.recordsRelease()) {
            List<Problems.FieldError> missing = deploymentType.missing(spec.config());
            if (!missing.isEmpty()) {
                throw new ConfigIncompleteException(action.wire(), missing);
            }
        }
        Directory.GroupSettings settings = tools.directory().groupSettings(group);
        if (!action.recordsRelease()) {
            String book = deploymentType.book(action.bookAction(), settings.books());
            return new Decision(false, tools.jobs().plan(tools.directory(), book, type), null, spec, spec.services());
        }
        Strategy asked = request.input().strategy() != null ? request.input().strategy() : settings.strategy();
        // A canary is compared with what runs: with nothing running yet, the first version simply rolls out.
        Strategy strategy = asked == Strategy.CANARY && (lifecycle != Lifecycle.DEPLOY || active() == null)
                ? Strategy.ROLLING : asked;
        String book = strategy == Strategy.BLUE_GREEN || strategy == Strategy.CANARY ? Books.deploy(type, strategy)
                : deploymentType.book(Action.DEPLOY, settings.books());
        Jobs.Planned planned = tools.jobs().plan(tools.directory(), book, type, strategy);
        LatestPush push = action == Action.DEPLOY_LATEST ? latestPush(tools.directory()) : null;
        Releases.Candidate candidate = Releases.candidate(action, request.input(), spec, active(), releases,
                everActive, push);
        boolean unchanged = (action == Action.REDEPLOY || action == Action.DEPLOY_LATEST)
                && lifecycle == Lifecycle.DEPLOY && active() != null
                && (status == DeploymentStatus.DEPLOYED || status == DeploymentStatus.RESTARTED)
                && active().sameAs(candidate.services(), candidate.commitRef());
        Release release = new Release(lastRelease + 1, candidate.services(), candidate.commitRef(),
                request.input().notes(), candidate.rollbackOf(), request.jobId(), strategy);
        return new Decision(unchanged, planned, release, candidate.spec(),
                release.services().stream().map(Release.ReleasedService::toService).toList());
    }

    private record Decision(boolean unchanged, Jobs.Planned planned, Release release, DeploymentSpec spec,
                            List<Service> services) {
    }

    /**
     * The active release's services again; it makes no release. The spec goes back to that release too: a cancel,
     * or a failed canary, says the new version is not wanted, so a later redeploy does not try it again. After a
     * deploy on tracks (blue-green, canary) the restore Book also removes the new track; otherwise the deploy Book
     * runs again.
     */
    private void startRestore(RunningJob ended, boolean abort, Tools tools) throws Exception {
        Release restored = active();
        JobId endedJob = ended.jobId();
        Strategy strategy = strategyOf(ended);
        String book = strategy == Strategy.BLUE_GREEN || strategy == Strategy.CANARY ? Books.restore(type)
                : tools.types().of(type).book(Action.DEPLOY, tools.directory().groupSettings(group).books());
        Jobs.Planned planned = tools.jobs().plan(tools.directory(), book, type);
        JobId job = JobId.random();
        DeploymentSpec back = Releases.specOf(spec, restored);
        List<String> changed = spec.differences(back);
        if (!changed.isEmpty()) {
            apply(new DeploymentChanged(id, project, version + 1, changed, spec, back));
        }
        apply(new ActionStarted(id, project, job, Action.DEPLOY, book, spec.image(), restored.version(), true, SYSTEM,
                abort ? "removes the canary of job " + endedJob.value() + ", which failed, and restores release v"
                        + restored.version()
                        : "restores release v" + restored.version() + " after job " + endedJob.value() + " was cancelled",
                abort ? DeploymentStatus.ABORTING : DeploymentStatus.CANCELLING));
        createJob(job, Action.DEPLOY, planned,
                restored.services().stream().map(Release.ReleasedService::toService).toList(), tools);
    }

    /** The next waiting action that is still allowed starts; the ones that no longer are are refused, in order. */
    private void startNext(Tools tools) throws Exception {
        while (!queue.isEmpty() && running == null) {
            Waiting next = queue.peekFirst();
            ScopePolicy scope = scopePolicy(tools.directory());
            List<Action> allowed = ActionRules.allowed(lifecycle, status, scope.allowDrop(), scope.concurrency());
            if (!allowed.contains(next.action())) {
                apply(new QueuedActionRefused(id, next.jobId(), next.action(), "the deployment was in lifecycle '"
                        + lifecycle.wire() + "' with status '" + status.wire() + "'", allowed,
                        queue.size() == 1 ? status : DeploymentStatus.QUEUED));
                continue;
            }
            Optional<Freeze> frozen = next.action().recordsRelease() && next.input().overrideFreeze() == null
                    ? scope.freezeAt(now()) : Optional.empty();
            if (frozen.isPresent()) {
                apply(new QueueHeld(id, next.jobId(), heldBy(frozen.get()), frozen.get().to(), DeploymentStatus.QUEUED));
                return;
            }
            try {
                begin(next, true, tools);
            } catch (RuntimeException refused) {
                if (!Refusals.isRefusal(refused)) {
                    throw refused;
                }
                apply(new QueuedActionRefused(id, next.jobId(), next.action(), refused.getMessage(), allowed, status));
            }
        }
    }

    private void createJob(JobId job, Action action, Jobs.Planned planned, List<Service> services, Tools tools)
            throws Exception {
        JobTarget target = new JobTarget(project.value(), namespace, name,
                tools.directory().clusterTargets(spec.clusters()), services, spec.config());
        tools.jobs().create(job, id, project, action, planned, spec.image(), target, tools.deadlines());
    }

    private ActionRefusedException refusal(Action action, List<Action> allowed, String reason) {
        return new ActionRefusedException(id.value(), action, lifecycle, status,
                running == null ? null : running.jobId().value(), allowed, reason);
    }

    private String whyNot(Action action, ScopePolicy scope) {
        if (action == Action.DROP && lifecycle != Lifecycle.DROPPED && !scope.allowDrop()) {
            return "scope '" + spec.scope() + "' does not allow drop";
        }
        if (ActionRules.queues(status) && scope.concurrency() == Concurrency.REJECT) {
            return (running != null ? "job " + running.jobId().value() + " is running" : "the deployment is busy")
                    + " and scope '" + spec.scope() + "' refuses rather than queues";
        }
        return null;
    }

    private LatestPush latestPush(Directory directory) {
        if (spec.subscribeTo() == null) {
            throw refusal(Action.DEPLOY_LATEST, allowedNow(directory), "the deployment subscribes to no image; set subscribeTo");
        }
        return directory.latestPush(spec.subscribeTo()).orElseThrow(() -> refusal(Action.DEPLOY_LATEST, allowedNow(directory),
                "image " + spec.subscribeTo().value() + " has no recorded push yet"));
    }

    private List<Action> allowedNow(Directory directory) {
        ScopePolicy scope = scopePolicy(directory);
        return ActionRules.allowed(lifecycle, status, scope.allowDrop(), scope.concurrency());
    }

    /** The strategy a job's deploy used; null for an action that makes no release. */
    private Strategy strategyOf(RunningJob job) {
        Release release = job.release() == null ? null : releases.get(job.release());
        return release == null ? null : release.strategy();
    }

    private Release active() {
        return activeRelease == null ? null : releases.get(activeRelease);
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
        this.status = DeploymentStatus.READY;
        this.idleStatus = DeploymentStatus.READY;
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
    void on(ActionQueued event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator) {
        queue.addLast(new Waiting(event.jobId(), event.action(), event.input(),
                initiator == null ? SYSTEM : initiator, event.reason()));
        status = event.status();
    }

    @EventSourcingHandler
    void on(QueueHeld event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(QueuedActionCancelled event) {
        dequeue(event.jobId());
        status = event.status();
    }

    @EventSourcingHandler
    void on(QueuedActionRefused event) {
        dequeue(event.jobId());
        status = event.status();
    }

    @EventSourcingHandler
    void on(RedeploySkipped event) {
        if (event.jobId() != null) {
            dequeue(event.jobId());
        }
    }

    @EventSourcingHandler
    void on(ReleaseRecorded event) {
        releases.put(event.release().version(), event.release());
        lastRelease = Math.max(lastRelease, event.release().version());
        if (event.release().rollbackOf() != null) {
            pinnedAt = event.release().version();
        }
    }

    @EventSourcingHandler
    void on(InitialReleaseRecorded event) {
        releases.put(1, event.release());
        lastRelease = 1;
        activeRelease = 1;
        everActive.add(1);
        lifecycle = Lifecycle.DEPLOY;
        status = DeploymentStatus.DEPLOYED;
        idleStatus = status;
    }

    @EventSourcingHandler
    void on(DeploymentUnpinned event) {
        pinnedAt = null;
    }

    @EventSourcingHandler
    void on(ActionStarted event) {
        dequeue(event.jobId());
        recentJobs.add(event.jobId());
        if (recentJobs.size() > RECENT_JOBS) {
            recentJobs.remove(recentJobs.iterator().next());
        }
        running = new RunningJob(event.jobId(), event.action(), event.release(), event.restore(), false);
        status = event.status();
    }

    @EventSourcingHandler
    void on(CancelRequested event) {
        if (running != null && running.jobId().equals(event.jobId())) {
            running = running.cancelling();
        }
        status = event.status();
    }

    @EventSourcingHandler
    void on(ScopeTimerSkipped event) {
        if (event.action() == Action.PAUSE) {
            pauseAt = null;
        } else {
            dropAt = null;
        }
    }

    @EventSourcingHandler
    void on(ActionCompleted event) {
        lifecycle = event.lifecycle();
        pauseAt = event.pauseAt();
        dropAt = event.dropAt();
        activeRelease = event.activeRelease();
        if (activeRelease != null) {
            everActive.add(activeRelease);
        }
        ended(event.status());
    }

    @EventSourcingHandler
    void on(ActionFailed event) {
        ended(event.status());
    }

    @EventSourcingHandler
    void on(ActionCancelled event) {
        ended(event.status());
    }

    private void ended(DeploymentStatus next) {
        running = null;
        status = next;
        if (!next.busy()) {
            idleStatus = next;
        }
    }

    private void dequeue(JobId job) {
        queue.removeIf(waiting -> waiting.jobId().equals(job));
    }

    private record RunningJob(JobId jobId, Action action, Integer release, boolean restore, boolean cancelRequested) {
        RunningJob cancelling() {
            return new RunningJob(jobId, action, release, restore, true);
        }
    }

    /** An action waiting its turn, with who asked and with what. */
    private record Waiting(JobId jobId, Action action, ActionInput input, String initiator, String reason) {
        boolean sameRequestAs(Waiting other) {
            return action == other.action && input.equals(other.input) && initiator.equals(other.initiator)
                    && Objects.equals(reason, other.reason);
        }
    }
}

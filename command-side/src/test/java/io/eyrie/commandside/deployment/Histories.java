package io.eyrie.commandside.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionRules;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.Release.ReleasedService;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.project.Concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.job;

/**
 * Event histories that bring a deployment to a lifecycle and status, as its own events would: the givens of the
 * fixtures generated from the action table. A deployed history has two successful releases, so it can roll back.
 */
final class Histories {
    private final DeploymentId id;
    private final DeploymentCreated created;
    private final List<Object> events = new ArrayList<>();
    private Lifecycle lifecycle = Lifecycle.DRAFT;
    private DeploymentStatus status = DeploymentStatus.READY;
    private Integer active;
    private int lastRelease;
    private int jobs;

    private Histories(DeploymentCreated created) {
        this.id = created.deploymentId();
        this.created = created;
        events.add(created);
    }

    static Histories of(DeploymentCreated created) {
        return new Histories(created);
    }

    List<Object> events() {
        return List.copyOf(events);
    }

    Integer active() {
        return active;
    }

    /** A history that reaches {@code lifecycle} × {@code status}, or empty when no sequence of actions does. */
    static Optional<List<Object>> reaching(DeploymentCreated created, Lifecycle lifecycle, DeploymentStatus status) {
        Histories history = of(created).idleIn(lifecycle);
        DeploymentStatus base = history.status;
        if (status == base) {
            return Optional.of(history.events());
        }
        Optional<Action> cause = causeOf(status, lifecycle, base);
        if (cause.isEmpty()) {
            return Optional.empty();
        }
        Action action = cause.get();
        history.start(action);
        switch (status) {
            case INITIALIZING, DEPLOYING, RESTARTING, PAUSING, DROPPING -> { }
            case CANCELLING -> history.cancelRequested();
            case CANCELLED -> history.cancel();
            case ABORTING -> history.abortCanary();
            case INITIALIZED, DEPLOYED, RESTARTED, PAUSED, DROPPED -> history.complete();
            default -> history.fail();
        }
        return history.lifecycle == lifecycle && history.status == status ? Optional.of(history.events()) : Optional.empty();
    }

    /** The action whose start, end or cancel gives {@code status}, if the table allows it after {@code base}. */
    private static Optional<Action> causeOf(DeploymentStatus status, Lifecycle lifecycle, DeploymentStatus base) {
        List<Action> allowed = ActionRules.allowed(lifecycle, base, true, Concurrency.QUEUE);
        List<Action> candidates = switch (status) {
            case INITIALIZING, INITIALIZE_ERROR -> List.of(Action.INITIALIZE);
            case DEPLOYING, DEPLOYMENT_ERROR -> List.of(Action.DEPLOY);
            case RESTARTING, RESTARTED, RESTART_ERROR -> List.of(Action.RESTART);
            case PAUSING, PAUSE_ERROR -> List.of(Action.PAUSE);
            case DROPPING, DROP_ERROR -> List.of(Action.DROP);
            // Neither restores a release, so the cancel ends at once.
            case CANCELLING, CANCELLED -> List.of(Action.RESTART, Action.INITIALIZE, Action.DEPLOY);
            // Only a canary on top of a running release is aborted.
            case ABORTING -> lifecycle == Lifecycle.DEPLOY ? List.of(Action.DEPLOY) : List.<Action>of();
            default -> List.of();
        };
        return candidates.stream()
                .filter(allowed::contains)
                .filter(action -> !(status == DeploymentStatus.CANCELLED && action == Action.DEPLOY
                        && lifecycle == Lifecycle.DEPLOY))
                .findFirst();
    }

    /** Successful actions only: draft, initialized, deployed twice, paused, or dropped after initialize. */
    Histories idleIn(Lifecycle target) {
        if (target == Lifecycle.DRAFT) {
            return this;
        }
        run(Action.INITIALIZE);
        switch (target) {
            case DEPLOY -> {
                run(Action.DEPLOY);
                run(Action.DEPLOY);
            }
            case PAUSE -> {
                run(Action.DEPLOY);
                run(Action.DEPLOY);
                run(Action.PAUSE);
            }
            case DROPPED -> run(Action.DROP);
            default -> { }
        }
        return this;
    }

    Histories run(Action action) {
        start(action);
        return complete();
    }

    Histories start(Action action) {
        JobId job = job("h" + (++jobs));
        Integer release = null;
        if (action.recordsRelease()) {
            release = ++lastRelease;
            events.add(new ReleaseRecorded(id, ACME_PROJECT, release(release, job)));
        }
        events.add(new ActionStarted(id, ACME_PROJECT, job, action, "odoo." + action.bookAction().wire(),
                created.spec().image(), release, false, "bob", null, DeploymentStatus.running(action)));
        running = new Running(job, action, release);
        status = DeploymentStatus.running(action);
        return this;
    }

    Histories complete() {
        Integer activated = running.action() == Action.DROP ? null
                : running.release() != null ? running.release() : active;
        events.add(new ActionCompleted(id, running.job(), running.action(), running.action().target(), activated,
                DeploymentStatus.succeeded(running.action()), null, null));
        lifecycle = running.action().target();
        active = activated;
        status = DeploymentStatus.succeeded(running.action());
        running = null;
        return this;
    }

    Histories fail() {
        events.add(new ActionFailed(id, running.job(), running.action(), "it broke",
                DeploymentStatus.failed(running.action())));
        status = DeploymentStatus.failed(running.action());
        running = null;
        return this;
    }

    /** The running deploy was a canary and failed: the restore job that removes it runs. */
    Histories abortCanary() {
        events.add(new ActionFailed(id, running.job(), running.action(), "the canary failed its check",
                DeploymentStatus.DEPLOYMENT_ERROR));
        JobId restore = job("h" + (++jobs));
        events.add(new ActionStarted(id, ACME_PROJECT, restore, Action.DEPLOY, "odoo.restore", created.spec().image(),
                active, true, "system", "removes the canary of job " + running.job().value(), DeploymentStatus.ABORTING));
        running = new Running(restore, Action.DEPLOY, active);
        status = DeploymentStatus.ABORTING;
        return this;
    }

    Histories cancelRequested() {
        events.add(new CancelRequested(id, running.job(), "cancelled by bob", DeploymentStatus.CANCELLING));
        status = DeploymentStatus.CANCELLING;
        return this;
    }

    Histories cancel() {
        events.add(new ActionCancelled(id, running.job(), running.action(), "cancelled by bob",
                DeploymentStatus.CANCELLED));
        status = DeploymentStatus.CANCELLED;
        running = null;
        return this;
    }

    JobId runningJob() {
        return running.job();
    }

    /** Every release deploys the spec as created, so a redeploy finds nothing to change. */
    Release release(int version, JobId job) {
        return new Release(version, created.spec().services().stream()
                .map(service -> new ReleasedService(service.name(), service.image(), null, service.replicas(),
                        service.env()))
                .toList(), created.spec().commitRef(), null, null, job, null);
    }

    private Running running;

    private record Running(JobId job, Action action, Integer release) {
    }
}

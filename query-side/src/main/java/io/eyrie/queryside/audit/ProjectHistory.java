package io.eyrie.queryside.audit;

import io.eyrie.api.audit.ProjectState;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.InitialReleaseRecorded;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.QueueHeld;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.QueuedActionRefused;
import io.eyrie.api.deployment.RedeploySkipped;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time travel: a project's deployment events up to an instant, read from the event store in order and folded into
 * what ran then. The same events the cards are built from, so the answer is what the cards said at that moment;
 * the images are those of the release that was active, not of the spec, which a deploy changes when it starts.
 */
@Component
public class ProjectHistory {
    private final ProjectEvents events;

    ProjectHistory(ProjectEvents events) {
        this.events = events;
    }

    public ProjectState at(String project, Instant at) {
        Map<String, Running> deployments = new LinkedHashMap<>();
        long[] last = {-1};
        events.forEach(project, at, true, "deployment:", (event, time, position) -> {
            apply(deployments, event);
            last[0] = position;
        });
        List<ProjectState.DeploymentAt> states = new ArrayList<>();
        deployments.forEach((id, running) -> states.add(running.view(id)));
        return new ProjectState(project, at, last[0] < 0 ? null : Long.toString(last[0]), states);
    }

    private static void apply(Map<String, Running> deployments, Object event) {
        switch (event) {
            case DeploymentCreated created -> deployments.put(created.deploymentId().value(),
                    new Running(created.name(), created.groupName(), created.spec()));
            case DeploymentChanged changed -> on(deployments, changed.deploymentId().value(),
                    running -> running.spec = changed.after());
            case ReleaseRecorded recorded -> on(deployments, recorded.deploymentId().value(),
                    running -> running.releases.put(recorded.release().version(), recorded.release()));
            case InitialReleaseRecorded initial -> on(deployments, initial.deploymentId().value(), running -> {
                running.releases.put(initial.release().version(), initial.release());
                running.active = initial.release().version();
                running.lifecycle = Lifecycle.DEPLOY;
                running.status = DeploymentStatus.DEPLOYED;
            });
            case ActionStarted started -> on(deployments, started.deploymentId().value(),
                    running -> running.status = started.status());
            case ActionCompleted completed -> on(deployments, completed.deploymentId().value(), running -> {
                running.lifecycle = completed.lifecycle();
                running.active = completed.activeRelease();
                running.status = completed.status();
            });
            case ActionFailed failed -> on(deployments, failed.deploymentId().value(),
                    running -> running.status = failed.status());
            case ActionCancelled cancelled -> on(deployments, cancelled.deploymentId().value(),
                    running -> running.status = cancelled.status());
            // The statuses a queue and a cancel set, as the cards take them.
            case ActionQueued queued -> on(deployments, queued.deploymentId().value(),
                    running -> running.status = queued.status());
            case QueueHeld held -> on(deployments, held.deploymentId().value(), running -> running.status = held.status());
            case QueuedActionCancelled dropped -> on(deployments, dropped.deploymentId().value(),
                    running -> running.status = dropped.status());
            case QueuedActionRefused refused -> on(deployments, refused.deploymentId().value(),
                    running -> running.status = refused.status());
            case CancelRequested cancelling -> on(deployments, cancelling.deploymentId().value(),
                    running -> running.status = cancelling.status());
            case RedeploySkipped skipped -> on(deployments, skipped.deploymentId().value(),
                    running -> running.status = skipped.status());
            default -> {
                // Other events change nothing of what this answers.
            }
        }
    }

    private static void on(Map<String, Running> deployments, String id, java.util.function.Consumer<Running> change) {
        Running running = deployments.get(id);
        if (running != null) {
            change.accept(running);
        }
    }

    private static final class Running {
        final String name;
        final String group;
        DeploymentSpec spec;
        Lifecycle lifecycle = Lifecycle.DRAFT;
        DeploymentStatus status = DeploymentStatus.READY;
        Integer active;
        final Map<Integer, Release> releases = new HashMap<>();

        Running(String name, String group, DeploymentSpec spec) {
            this.name = name;
            this.group = group;
            this.spec = spec;
        }

        ProjectState.DeploymentAt view(String id) {
            Release release = active == null ? null : releases.get(active);
            List<String> images = release == null ? List.of()
                    : release.services().stream().map(Release.ReleasedService::image).toList();
            return new ProjectState.DeploymentAt(id, name, group, lifecycle, status, active, images,
                    spec.clusters() == null ? List.of() : spec.clusters().stream().map(ClusterId::value).toList());
        }
    }
}

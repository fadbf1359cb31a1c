package io.eyrie.queryside.metrics;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.metrics.DeliveryFigures;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.api.repository.ImageRegistered;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a project's events, in order, into DORA's figures for [from, to). Events before {@code from} still count for
 * what they set up (a failure waiting to be restored, a push, a request); only outcomes inside the window are counted.
 */
final class DeliveryFold {
    private final Instant from;
    private final Instant to;
    private final String group;
    private final String scope;

    private final Map<String, String[]> deployments = new HashMap<>();
    private final Map<String, String> imageNames = new HashMap<>();
    private final Map<String, Instant> pushed = new HashMap<>();
    private final Map<String, Instant> requested = new HashMap<>();
    private final Map<String, Boolean> restores = new HashMap<>();
    private final Map<String, Integer> jobReleases = new HashMap<>();
    private final Map<String, Release> releases = new HashMap<>();
    private final Map<String, Instant> failingSince = new HashMap<>();
    /** Per deployment: when its last successful deploy ended, if that was inside the window, for a later rollback. */
    private final Map<String, Instant> lastDeployed = new HashMap<>();

    private long deploys;
    private long failed;
    private long attempts;
    private long fromPush;
    private long fromRequest;
    private final List<Long> leadTimes = new ArrayList<>();
    private final List<Long> restoreTimes = new ArrayList<>();

    DeliveryFold(Instant from, Instant to, String group, String scope) {
        this.from = from;
        this.to = to;
        this.group = group;
        this.scope = scope;
    }

    void accept(Object event, Instant at) {
        switch (event) {
            case ImageRegistered registered -> imageNames.put(registered.image().value(), registered.name());
            case ImagePushed push -> {
                String name = imageNames.get(push.image().value());
                if (name != null) {
                    pushed.putIfAbsent(name + ":" + push.tag(), at);
                }
                if (push.digest() != null) {
                    pushed.putIfAbsent(push.digest(), at);
                }
            }
            case DeploymentCreated created -> deployments.put(created.deploymentId().value(),
                    new String[]{created.groupName(), created.spec().scope()});
            case DeploymentChanged changed -> {
                String[] known = deployments.get(changed.deploymentId().value());
                if (known != null) {
                    known[1] = changed.after().scope();
                }
            }
            case ActionQueued queued -> requested.putIfAbsent(queued.jobId().value(), at);
            case ReleaseRecorded recorded -> releases.put(recorded.deploymentId().value() + "#"
                    + recorded.release().version(), recorded.release());
            case ActionStarted started -> started(started, at);
            case ActionCompleted completed -> completed(completed, at);
            case ActionFailed failure -> failed(failure, at);
            default -> {
                // Nothing else tells of delivery.
            }
        }
    }

    private void started(ActionStarted started, Instant at) {
        String job = started.jobId().value();
        requested.putIfAbsent(job, at);
        restores.put(job, started.restore());
        if (started.release() != null) {
            jobReleases.put(job, started.release());
        }
        String deployment = started.deploymentId().value();
        if (started.action() == Action.ROLLBACK && !started.restore() && counted(deployment)) {
            // The deploy it undoes failed as a change, and the deployment is down from the moment of asking.
            Instant undone = lastDeployed.remove(deployment);
            if (undone != null) {
                failed++;
            }
            failingSince.putIfAbsent(deployment, at);
        }
    }

    private void completed(ActionCompleted completed, Instant at) {
        String job = completed.jobId().value();
        String deployment = completed.deploymentId().value();
        if (!completed.action().recordsRelease() || Boolean.TRUE.equals(restores.get(job)) || !counted(deployment)) {
            return;
        }
        Instant since = failingSince.remove(deployment);
        if (!inWindow(at)) {
            lastDeployed.remove(deployment);
            return;
        }
        deploys++;
        attempts++;
        lastDeployed.put(deployment, at);
        if (since != null) {
            restoreTimes.add(Duration.between(since, at).toSeconds());
        }
        if (completed.action() == Action.ROLLBACK) {
            // It brings back what was there: no change whose lead time to measure.
            return;
        }
        Instant start = newestPush(deployment, jobReleases.get(job));
        if (start != null) {
            fromPush++;
        } else {
            start = requested.get(job);
            fromRequest++;
        }
        if (start != null) {
            leadTimes.add(Duration.between(start, at).toSeconds());
        }
    }

    private void failed(ActionFailed failure, Instant at) {
        String deployment = failure.deploymentId().value();
        if (!failure.action().recordsRelease() || Boolean.TRUE.equals(restores.get(failure.jobId().value()))
                || !counted(deployment)) {
            return;
        }
        failingSince.putIfAbsent(deployment, at);
        if (inWindow(at)) {
            failed++;
            attempts++;
        }
    }

    /** The newest push among the release's images that Eyrie saw pushed, by digest or by name and tag. */
    private Instant newestPush(String deployment, Integer version) {
        Release release = version == null ? null : releases.get(deployment + "#" + version);
        if (release == null) {
            return null;
        }
        Instant newest = null;
        for (Release.ReleasedService service : release.services()) {
            Instant at = service.digest() != null && pushed.containsKey(service.digest()) ? pushed.get(service.digest())
                    : pushed.get(service.image());
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
            }
        }
        return newest;
    }

    private boolean counted(String deployment) {
        String[] known = deployments.get(deployment);
        return known != null && (group == null || group.equals(known[0])) && (scope == null || scope.equals(known[1]));
    }

    private boolean inWindow(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    DeliveryFigures figures(String project) {
        double days = Math.max(Duration.between(from, to).toSeconds() / 86_400.0, 1.0 / 86_400);
        return new DeliveryFigures(project, group, scope, from, to,
                new DeliveryFigures.Frequency(deploys, deploys / days),
                new DeliveryFigures.LeadTime(median(leadTimes), leadTimes.size(), fromPush, fromRequest),
                new DeliveryFigures.ChangeFailureRate(failed, attempts, attempts == 0 ? null : (double) failed / attempts),
                new DeliveryFigures.TimeToRestore(median(restoreTimes), restoreTimes.size()));
    }

    /** The upper median for an even count: a figure that happened, never the mean of two. */
    private static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

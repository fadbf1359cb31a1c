package io.eyrie.api.deployment;

import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.project.GroupType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard card of one deployment: what it is, how its latest action is doing, and what it allows now.
 * {@code pinned}: a rollback stopped image pushes from redeploying it. {@code pauseAt}, {@code dropAt}: when its
 * scope's timers pause and drop it. {@code monitorState}: the worst state of its monitors, null without any;
 * {@code monitors}: how many are in each state.
 */
public record DeploymentCard(String id, String name, String project, String group, GroupType type, String scope,
                             Lifecycle lifecycle, DeploymentStatus status, String error, int runningJobs,
                             int queuedJobs, String lastJobId, Integer activeRelease, boolean pinned,
                             Instant pauseAt, Instant dropAt, String image, String branch, String commitRef,
                             String repository,
                             List<String> clusters, List<Service> services, Map<String, Object> config,
                             String subscribeTo, int version, String kubernetesNamespace,
                             List<Action> allowedActions, String createdBy, Instant createdAt, String updatedBy,
                             Instant updatedAt, MonitorState monitorState, Map<MonitorState, Integer> monitors) {
}

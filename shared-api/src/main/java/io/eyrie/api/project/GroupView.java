package io.eyrie.api.project;

import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.monitor.MonitorState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A group (an environment) as dashboards show it, with its scopes and an aggregated status: the first that applies
 * of running (a job runs), error (a latest action failed), ok (at least one succeeded), ready.
 * {@code monitors}: how many monitors of its living deployments are in each state.
 */
public record GroupView(String project, String name, GroupType type, List<String> clusters, GroupDefaults defaults,
                        Map<String, String> books, List<Scope> scopes, Map<String, Role> overrides,
                        int deployments, DeploymentStatus status, String createdBy, Instant createdAt,
                        String updatedBy, Instant updatedAt, Map<MonitorState, Integer> monitors) {
}

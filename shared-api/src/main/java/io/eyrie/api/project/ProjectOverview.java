package io.eyrie.api.project;

import io.eyrie.api.deployment.DeploymentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project's dashboard at a glance: its living (not dropped) deployments counted by status, each group's
 * aggregated status, the jobs running and queued, and the deployments whose last action failed, newest first.
 */
public record ProjectOverview(String project, String name, int deployments, int runningJobs, int queuedJobs,
                              Map<DeploymentStatus, Integer> statuses, List<GroupSummary> groups,
                              List<FailingDeployment> failing) {

    /** A group as the overview shows it; {@code status} aggregates its deployments' by Qovery's rules. */
    public record GroupSummary(String name, GroupType type, DeploymentStatus status, int deployments,
                               int runningJobs, int queuedJobs, Map<DeploymentStatus, Integer> statuses) {
    }

    /** A deployment whose last action failed: what failed, and since when. */
    public record FailingDeployment(String id, String name, String group, DeploymentStatus status, String error,
                                    Instant since) {
    }
}

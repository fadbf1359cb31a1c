package io.eyrie.api.monitor;

import io.eyrie.api.book.JobTarget;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;

/**
 * A monitor was attached to a deployment; its state is {@code unknown} until its first check. {@code target} is the
 * deployment's, as a job's is (clusters, namespace, name), for resource checks. {@code checking} is whether the
 * deployment runs a release now; {@code group} and {@code scope} say whose log retention applies.
 */
public record MonitorCreated(MonitorId monitorId, DeploymentId deploymentId, ProjectId project, GroupId group,
                             String scope, MonitorSpec spec, JobTarget target, boolean checking) {
}

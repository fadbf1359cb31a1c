package io.eyrie.api.grouprun;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.DeploymentId;

/** A deployment in a group action, its stage (lower runs first) and the job its action gets. */
public record GroupMember(DeploymentId deploymentId, String name, int stage, JobId jobId) {
}

package io.eyrie.api.grouprun;

import io.eyrie.api.deployment.DeploymentId;

public record GroupMemberEnded(GroupRunId runId, DeploymentId deploymentId, int stage, MemberOutcome outcome,
                               String detail) {
}

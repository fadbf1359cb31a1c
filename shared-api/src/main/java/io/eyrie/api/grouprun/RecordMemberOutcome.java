package io.eyrie.api.grouprun;

import io.eyrie.api.deployment.DeploymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member's action ended; reported at least once, recorded once. */
public record RecordMemberOutcome(@TargetAggregateIdentifier GroupRunId runId, DeploymentId deploymentId,
                                  MemberOutcome outcome, String detail) {
}

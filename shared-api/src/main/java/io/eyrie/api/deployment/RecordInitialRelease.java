package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adopt a deployment that already runs: its spec, as it is, becomes release v1 and it counts as deployed, without
 * running a job. Answered with the release's version; asking again changes nothing.
 */
public record RecordInitialRelease(@TargetAggregateIdentifier DeploymentId deploymentId, String notes) {
}

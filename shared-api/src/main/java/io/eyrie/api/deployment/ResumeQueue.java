package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A freeze that held the queue has ended: start the first waiting action if nothing runs. */
public record ResumeQueue(@TargetAggregateIdentifier DeploymentId deploymentId) {
}

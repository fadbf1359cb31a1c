package io.eyrie.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A scope timer came due: pause (or drop) the deployment, as {@code system}, if {@code dueAt} is still its timer; a
 * deploy since then moved it, and then this changes nothing.
 */
public record FireScopeTimer(@TargetAggregateIdentifier DeploymentId deploymentId, Action action, Instant dueAt) {
}

package io.eyrie.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Only the owner deletes a group, and only one whose deployments were all dropped. */
public record DeleteDeploymentGroup(@TargetAggregateIdentifier GroupId group) {
}

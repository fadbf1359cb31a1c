package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An image the deployment subscribes to was pushed: deploy it, as {@code system}, unless the deployment is not
 * deployed or a rollback pinned it; then record that the push was ignored, and why.
 */
public record DeployPushedImage(@TargetAggregateIdentifier DeploymentId deploymentId, JobId jobId, String image,
                                String tag, String digest) {
}

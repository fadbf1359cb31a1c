package io.eyrie.api.deployment;

import io.eyrie.api.query.PageRequest;

/** Newest first. */
public record ListDeploymentVersions(DeploymentId deploymentId, PageRequest page) {
}

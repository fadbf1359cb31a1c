package io.eyrie.api.deployment;

import io.eyrie.api.query.PageRequest;

/** Newest first. */
public record ListDeploymentReleases(DeploymentId deploymentId, PageRequest page) {
}

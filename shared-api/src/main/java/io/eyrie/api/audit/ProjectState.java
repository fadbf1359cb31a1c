package io.eyrie.api.audit;

import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * What a project ran at an instant, rebuilt from its events up to it: each deployment that existed then, its
 * lifecycle and status, the release that was active and its images, and the clusters it was placed on.
 * {@code position} is the last event taken into account.
 */
public record ProjectState(String project, Instant at, String position, List<DeploymentAt> deployments) {

    public record DeploymentAt(String id, String name, String group, Lifecycle lifecycle, DeploymentStatus status,
                               Integer activeRelease, List<String> images, List<String> clusters) {
    }
}

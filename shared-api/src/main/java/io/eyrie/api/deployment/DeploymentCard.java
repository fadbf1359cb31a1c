package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupType;

import java.time.Instant;

/** The dashboard card of one deployment. */
public record DeploymentCard(String id, String name, String project, String group, GroupType type, String scope,
                             String image, Lifecycle lifecycle, DeploymentStatus status, String error,
                             int runningJobs, String lastJobId, String createdBy, Instant createdAt,
                             String updatedBy, Instant updatedAt) {
}

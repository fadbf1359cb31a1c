package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupType;

public record DeploymentCreated(String deploymentId, String project, String group, GroupType type, String name,
                                String scope, String image) {
}

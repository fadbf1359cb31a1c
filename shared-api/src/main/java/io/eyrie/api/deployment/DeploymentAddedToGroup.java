package io.eyrie.api.deployment;

/** Applied by the group, so that deployment names stay unique within it. */
public record DeploymentAddedToGroup(String groupId, String deploymentId, String name) {
}

package io.eyrie.api.deployment;

public record CreateDeployment(String deploymentId, String project, String group, String name, String scope,
                               String image) {
}

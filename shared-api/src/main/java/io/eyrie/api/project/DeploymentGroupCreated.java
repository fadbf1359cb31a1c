package io.eyrie.api.project;

public record DeploymentGroupCreated(String groupId, String project, String name, GroupType type) {
}

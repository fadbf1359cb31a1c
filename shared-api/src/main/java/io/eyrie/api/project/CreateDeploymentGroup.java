package io.eyrie.api.project;

public record CreateDeploymentGroup(String project, String name, GroupType type) {

    public String groupId() {
        return GroupId.of(project, name);
    }
}

package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Handled by the deployment group, which keeps names unique and creates the deployment with its type. */
public record CreateDeployment(String deploymentId, String project, String group, String name, String scope,
                               String image) {

    @TargetAggregateIdentifier
    public String groupId() {
        return GroupId.of(project, group);
    }
}

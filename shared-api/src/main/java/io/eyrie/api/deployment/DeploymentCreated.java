package io.eyrie.api.deployment;

import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;

import java.util.List;

/**
 * Version 1 of a deployment. {@code inherited} names the fields it took from its group or scope rather than from
 * the request; {@code kubernetesNamespace} is where its resources live.
 */
public record DeploymentCreated(DeploymentId deploymentId, ProjectId project, GroupId group, String groupName,
                                GroupType type, String name, String namespaceUid, String kubernetesNamespace,
                                DeploymentSpec spec, List<String> inherited) {
}

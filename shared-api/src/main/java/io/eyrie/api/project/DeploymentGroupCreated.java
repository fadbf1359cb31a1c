package io.eyrie.api.project;

import io.eyrie.api.cluster.ClusterId;

import java.util.List;
import java.util.Map;

/** {@code namespaceUid} is the project's, handed down to every deployment of the group. */
public record DeploymentGroupCreated(GroupId group, ProjectId project, String name, GroupType type,
                                     String namespaceUid, List<ClusterId> clusters, GroupDefaults defaults,
                                     Map<String, String> books, List<Scope> scopes) {
}

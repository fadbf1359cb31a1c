package io.eyrie.api.project;

import io.eyrie.api.cluster.ClusterId;

import java.util.List;
import java.util.Map;

/** The group's settings after the change, in full. */
public record DeploymentGroupChanged(GroupId group, ProjectId project, List<ClusterId> clusters,
                                     GroupDefaults defaults, Map<String, String> books) {
}

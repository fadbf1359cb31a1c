package io.eyrie.api.deployment;

import io.eyrie.api.project.ProjectId;
import io.eyrie.api.query.PageRequest;

/** The group's cards by name; {@code lifecycle}, {@code status} and {@code scope}, when set, filter them. */
public record ListGroupDeployments(ProjectId project, String group, Lifecycle lifecycle, DeploymentStatus status,
                                   String scope, PageRequest page) {
}

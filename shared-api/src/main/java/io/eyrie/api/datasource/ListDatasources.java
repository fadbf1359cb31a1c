package io.eyrie.api.datasource;

import io.eyrie.api.project.ProjectId;
import io.eyrie.api.query.PageRequest;

/** By name. */
public record ListDatasources(ProjectId project, PageRequest page) {
}

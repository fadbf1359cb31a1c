package io.eyrie.api.project;

import io.eyrie.api.query.PageRequest;

/** By name. */
public record ListGroups(ProjectId project, PageRequest page) {
}

package io.eyrie.api.project;

/** Answered with a {@link ProjectOverview}: one with no deployments when the project has none. */
public record FindProjectOverview(ProjectId project) {
}

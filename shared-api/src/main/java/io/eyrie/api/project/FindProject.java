package io.eyrie.api.project;

/** Answered with an optional {@link ProjectView}. */
public record FindProject(ProjectId project) {
}

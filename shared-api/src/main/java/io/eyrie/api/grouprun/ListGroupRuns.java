package io.eyrie.api.grouprun;

import io.eyrie.api.project.ProjectId;
import io.eyrie.api.query.PageRequest;

/** Answered with a page of the group's {@link GroupRunView}s, newest first. */
public record ListGroupRuns(ProjectId project, String group, PageRequest page) {
}

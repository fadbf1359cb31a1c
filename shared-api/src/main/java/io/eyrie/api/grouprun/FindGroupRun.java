package io.eyrie.api.grouprun;

import io.eyrie.api.project.ProjectId;

/** Answered with an optional {@link GroupRunView}: only when the run is of that group. */
public record FindGroupRun(ProjectId project, String group, GroupRunId runId) {
}

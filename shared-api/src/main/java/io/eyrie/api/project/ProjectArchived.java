package io.eyrie.api.project;

/** From now on the project takes no changes: no members, groups, repositories or datasources. */
public record ProjectArchived(ProjectId project) {
}

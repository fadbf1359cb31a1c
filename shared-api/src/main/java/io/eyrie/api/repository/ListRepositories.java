package io.eyrie.api.repository;

import io.eyrie.api.query.PageRequest;

/**
 * The platform-wide repositories and those of the projects {@code user} is a member of (every project's for a
 * platform admin); {@code project}, when set, narrows to that project's and the platform-wide ones. By URL.
 */
public record ListRepositories(String user, boolean platformAdmin, String project, PageRequest page) {
}

package io.eyrie.api.project;

import io.eyrie.api.query.PageRequest;

/** The projects {@code user} is a member of, or every project for a platform admin; by slug. */
public record ListProjects(String user, boolean platformAdmin, PageRequest page) {
}

package io.eyrie.api.project;

import java.time.Instant;
import java.util.List;

/** A project as dashboards show it: its members with their roles, and its namespace. */
public record ProjectView(String slug, String name, String owner, List<Member> members, ProjectNamespace namespace,
                          boolean archived, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    public record Member(String user, Role role, boolean owner) {
    }
}

package io.eyrie.queryside.project;

import io.eyrie.api.project.ProjectNamespace;
import io.eyrie.api.project.ProjectView;
import io.eyrie.api.project.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A project with its members: the project screen, and what the query side's authorization reads. */
@Document(ProjectDocument.COLLECTION)
final class ProjectDocument {
    static final String COLLECTION = "projects";

    @Id
    String slug;
    String name;
    String owner;
    /** Sorted, so that the members list reads the same whatever order the events came in. */
    Map<String, Role> members = new TreeMap<>();
    String namespaceUid;
    String kubernetesNamespace;
    boolean archived;
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static ProjectDocument withSlug(String slug) {
        ProjectDocument project = new ProjectDocument();
        project.slug = slug;
        return project;
    }

    void touchedBy(String initiator, Instant at) {
        updatedBy = initiator;
        updatedAt = at;
    }

    ProjectView toView() {
        return new ProjectView(slug, name, owner, members.entrySet().stream()
                .map(member -> new ProjectView.Member(member.getKey(), member.getValue(), member.getKey().equals(owner)))
                .toList(), new ProjectNamespace(namespaceUid, kubernetesNamespace), archived, createdBy, createdAt, updatedBy,
                updatedAt);
    }
}

package io.eyrie.queryside.project;

import io.eyrie.api.project.ProjectNamespace;
import io.eyrie.api.project.ProjectView;
import io.eyrie.api.project.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A project with its members: the project screen, and what the query side's authorization reads. */
@Document(ProjectDocument.COLLECTION)
final class ProjectDocument {
    static final String COLLECTION = "projects";

    @Id
    String slug;
    String name;
    String owner;
    /**
     * A list, not a map keyed by user: user names may hold dots, which MongoDB does not take in keys. Sorted, so that
     * it reads the same whatever order the events came in.
     */
    List<Member> members = new ArrayList<>();
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

    record Member(String user, Role role) {
    }

    void setMember(String user, Role role) {
        removeMember(user);
        members.add(new Member(user, role));
        members.sort(Comparator.comparing(Member::user));
    }

    void removeMember(String user) {
        members.removeIf(member -> member.user().equals(user));
    }

    Role roleOf(String user) {
        return members.stream().filter(member -> member.user().equals(user)).map(Member::role).findFirst().orElse(null);
    }

    void touchedBy(String initiator, Instant at) {
        updatedBy = initiator;
        updatedAt = at;
    }

    ProjectView toView() {
        return new ProjectView(slug, name, owner, members.stream()
                .map(member -> new ProjectView.Member(member.user(), member.role(), member.user().equals(owner)))
                .toList(), new ProjectNamespace(namespaceUid, kubernetesNamespace), archived, createdBy, createdAt, updatedBy,
                updatedAt);
    }
}

package io.eyrie.queryside.group;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.GroupView;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Scope;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A living group: found by id for its events, by project and name for the API (a unique index). */
@Document(GroupDocument.COLLECTION)
@CompoundIndex(name = "groups_by_name", def = "{'project': 1, 'name': 1}", unique = true)
final class GroupDocument {
    static final String COLLECTION = "groups";

    @Id
    String id;
    String project;
    String name;
    GroupType type;
    List<ClusterId> clusters = new ArrayList<>();
    GroupDefaults defaults;
    Map<String, String> books = new TreeMap<>();
    List<Scope> scopes = new ArrayList<>();
    Map<String, Role> overrides = new TreeMap<>();
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static GroupDocument withId(String id) {
        GroupDocument group = new GroupDocument();
        group.id = id;
        return group;
    }

    Optional<Scope> scope(String scopeName) {
        return scopes.stream().filter(scope -> scope.name().equals(scopeName)).findFirst();
    }

    void touchedBy(String initiator, Instant at) {
        updatedBy = initiator;
        updatedAt = at;
    }

    GroupView toView(int deployments, DeploymentStatus status) {
        return new GroupView(project, name, type, clusters.stream().map(ClusterId::value).toList(), defaults, books,
                scopes, overrides, deployments, status, createdBy, createdAt, updatedBy, updatedAt);
    }
}

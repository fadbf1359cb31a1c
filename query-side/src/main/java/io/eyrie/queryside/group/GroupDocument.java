package io.eyrie.queryside.group;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.monitor.MonitorState;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
    /** A list, not a map keyed by user: user names may hold dots, which MongoDB does not take in keys. */
    List<RoleOverride> overrides = new ArrayList<>();
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static GroupDocument withId(String id) {
        GroupDocument group = new GroupDocument();
        group.id = id;
        return group;
    }

    record RoleOverride(String user, Role role) {
    }

    void setOverride(String user, Role role) {
        removeOverride(user);
        overrides.add(new RoleOverride(user, role));
        overrides.sort(Comparator.comparing(RoleOverride::user));
    }

    /** Whether there was one to remove. */
    boolean removeOverride(String user) {
        return overrides.removeIf(override -> override.user().equals(user));
    }

    Optional<Scope> scope(String scopeName) {
        return scopes.stream().filter(scope -> scope.name().equals(scopeName)).findFirst();
    }

    void touchedBy(String initiator, Instant at) {
        updatedBy = initiator;
        updatedAt = at;
    }

    GroupView toView(int deployments, DeploymentStatus status, Map<MonitorState, Integer> monitors) {
        return new GroupView(project, name, type, clusters.stream().map(ClusterId::value).toList(), defaults, books,
                scopes, overrides.stream().collect(Collectors.toMap(RoleOverride::user, RoleOverride::role,
                        (first, second) -> second, TreeMap::new)), deployments, status, createdBy, createdAt, updatedBy, updatedAt,
                monitors);
    }
}

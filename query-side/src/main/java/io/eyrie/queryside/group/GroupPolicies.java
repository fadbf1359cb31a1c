package io.eyrie.queryside.group;

import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.Scope;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** What other read models ask of a group: its id by name, its scopes' policies, a project's groups. */
@Component
public class GroupPolicies {
    private final MongoTemplate mongo;
    private final GroupProjection groups;

    public GroupPolicies(MongoTemplate mongo, GroupProjection groups) {
        this.mongo = mongo;
        this.groups = groups;
    }

    public Optional<String> groupId(String project, String name) {
        return groups.byName(project, name).map(group -> group.id);
    }

    /** The project's living groups and their types, by name (the index on project and name). */
    public SortedMap<String, GroupType> groupsOf(String project) {
        SortedMap<String, GroupType> types = new TreeMap<>();
        mongo.find(Query.query(where("project").is(project)), GroupDocument.class)
                .forEach(group -> types.put(group.name, group.type));
        return types;
    }

    /** Empty when the group or its scope is gone: nothing can then be dropped by a scope's leave. */
    public Optional<Scope> scope(String groupId, String scope) {
        return Optional.ofNullable(mongo.findById(groupId, GroupDocument.class)).flatMap(group -> group.scope(scope));
    }
}

package io.eyrie.queryside.group;

import io.eyrie.api.project.Scope;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** What other read models ask of a group: its id by name, and its scopes' policies. */
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

    /** Empty when the group or its scope is gone: nothing can then be dropped by a scope's leave. */
    public Optional<Scope> scope(String groupId, String scope) {
        return Optional.ofNullable(mongo.findById(groupId, GroupDocument.class)).flatMap(group -> group.scope(scope));
    }
}

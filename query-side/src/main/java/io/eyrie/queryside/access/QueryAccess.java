package io.eyrie.queryside.access;

import io.eyrie.api.project.Role;
import io.eyrie.platform.access.Access;
import io.eyrie.platform.access.AccessDirectory;
import io.eyrie.platform.access.Target;
import io.eyrie.queryside.group.GroupPolicies;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The query side's access lookups, from its own read models: the target's document gives its project, the
 * project's document gives the caller's role. Reads need only membership, so overrides do not matter here. This lags
 * the command side by the dashboard processor's lag.
 */
@Component
class QueryAccess implements AccessDirectory {
    private final MongoTemplate mongo;
    private final GroupPolicies groups;

    QueryAccess(MongoTemplate mongo, GroupPolicies groups) {
        this.mongo = mongo;
        this.groups = groups;
    }

    @Override
    public Optional<Access> access(Target target, Map<String, String> variables, String user) {
        String id = variables.get("id");
        return switch (target) {
            case PROJECT -> member(variables.get("slug"), user);
            case GROUP -> groups.groupId(variables.get("slug"), variables.get("group"))
                    .flatMap(group -> member(variables.get("slug"), user));
            case DEPLOYMENT -> owned("deployment_cards", id, user);
            case JOB -> owned("jobs", id, user);
            case REPOSITORY -> owned("repositories", id, user);
            case IMAGE -> owned("images", id, user);
            case DATASOURCE -> owned("datasources", id, user);
            default -> throw new IllegalStateException("the query side has no access lookup for " + target);
        };
    }

    /** A document's project decides; one without a project (a platform-wide repository) is visible to all. */
    private Optional<Access> owned(String collection, String id, String user) {
        Query byId = Query.query(where("_id").is(id));
        byId.fields().include("project");
        return Optional.ofNullable(mongo.findOne(byId, Document.class, collection))
                .flatMap(document -> document.getString("project") == null ? Optional.of(Access.platformWide())
                        : member(document.getString("project"), user));
    }

    private Optional<Access> member(String slug, String user) {
        return Optional.ofNullable(mongo.findOne(Query.query(where("_id").is(slug)), Document.class, "projects"))
                .map(project -> {
                    Document members = project.get("members", Document.class);
                    String role = members == null ? null : members.getString(user);
                    return new Access(slug, role == null ? null : Role.valueOf(role),
                            user.equals(project.getString("owner")), Role.DEVELOPER);
                });
    }
}

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
        Optional<String> project = switch (target) {
            case PROJECT -> Optional.of(variables.get("slug"));
            case GROUP -> groups.groupId(variables.get("slug"), variables.get("group")).map(id -> variables.get("slug"));
            case DEPLOYMENT -> projectOf("deployment_cards", variables.get("id"));
            case JOB -> projectOf("jobs", variables.get("id"));
            default -> throw new IllegalStateException("the query side has no access lookup for " + target);
        };
        return project.flatMap(slug -> Optional.ofNullable(mongo.findOne(
                        Query.query(where("_id").is(slug)), Document.class, "projects")))
                .map(document -> access(document, user));
    }

    private Optional<String> projectOf(String collection, String id) {
        Query byId = Query.query(where("_id").is(id));
        byId.fields().include("project");
        return Optional.ofNullable(mongo.findOne(byId, Document.class, collection))
                .map(document -> document.getString("project"));
    }

    private static Access access(Document project, String user) {
        Document members = project.get("members", Document.class);
        String role = members == null ? null : members.getString(user);
        return new Access(project.getString("_id"), role == null ? null : Role.valueOf(role),
                user.equals(project.getString("owner")), Role.DEVELOPER);
    }
}

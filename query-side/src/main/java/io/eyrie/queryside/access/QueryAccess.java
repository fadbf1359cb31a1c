package io.eyrie.queryside.access;

import io.eyrie.platform.access.Access;
import io.eyrie.platform.access.AccessDirectory;
import io.eyrie.platform.access.Target;
import io.eyrie.queryside.group.GroupPolicies;
import io.eyrie.queryside.project.ProjectMembers;
import io.eyrie.queryside.rebuild.ReadModelTemplate;
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
    private final ProjectMembers members;

    QueryAccess(MongoTemplate mongo, GroupPolicies groups, ProjectMembers members) {
        this.mongo = mongo;
        this.groups = groups;
        this.members = members;
    }

    @Override
    public Optional<Access> access(Target target, Map<String, String> variables, String user) {
        String id = variables.get("id");
        return switch (target) {
            case PROJECT -> member(variables.get("slug"), user);
            case GROUP -> groups.groupId(variables.get("slug"), variables.get("group"))
                    .flatMap(group -> member(variables.get("slug"), user));
            case DEPLOYMENT -> owned("deployment_cards", id, user, false);
            case JOB -> owned("jobs", id, user, false);
            case REPOSITORY -> owned("repositories", id, user, true);
            case IMAGE -> owned("images", id, user, true);
            case DATASOURCE -> owned("datasources", id, user, false);
            case MONITOR -> owned("monitors", id, user, false);
            default -> throw new IllegalStateException("the query side has no access lookup for " + target);
        };
    }

    /**
     * A document's project decides. Only repositories and their images may be platform-wide, visible to all; any
     * other document without a project is a defect, and showing it to everyone would be a leak, so it is not found.
     */
    private Optional<Access> owned(String collection, String id, String user, boolean mayBePlatformWide) {
        Query byId = Query.query(where("_id").is(id));
        byId.fields().include("project");
        return Optional.ofNullable(mongo.findOne(byId, Document.class, ReadModelTemplate.collection(mongo, collection)))
                .flatMap(document -> document.getString("project") != null
                        ? member(document.getString("project"), user)
                        : mayBePlatformWide ? Optional.of(Access.platformWide()) : Optional.empty());
    }

    private Optional<Access> member(String slug, String user) {
        return members.access(slug, user);
    }
}

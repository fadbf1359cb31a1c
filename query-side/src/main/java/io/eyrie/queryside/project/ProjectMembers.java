package io.eyrie.queryside.project;

import io.eyrie.api.project.Role;
import io.eyrie.platform.access.Access;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** A caller's access to a project, from the project's read model: what the query side's authorization reads. */
@Component
public class ProjectMembers {
    private final MongoTemplate mongo;

    public ProjectMembers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Empty when no such project exists. Reads need only membership, so the role is the project role. */
    public Optional<Access> access(String slug, String user) {
        return Optional.ofNullable(mongo.findById(slug, ProjectDocument.class))
                .map(project -> new Access(slug, project.roleOf(user), user.equals(project.owner), Role.DEVELOPER));
    }

    /** The project's display name; empty when no such project exists. */
    public Optional<String> name(String slug) {
        return Optional.ofNullable(mongo.findById(slug, ProjectDocument.class)).map(project -> project.name);
    }
}

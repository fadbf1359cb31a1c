package io.eyrie.commandside.directory;

import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.Dropped;
import io.eyrie.api.project.DeploymentGroupCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the command side must know across aggregates, written in the same transaction as the events that change it
 * (see command-side.properties: a subscribing processor). A unique constraint makes a taken name refuse the command
 * that tried to take it, however many race for it.
 */
@Component
@ProcessingGroup(DirectoryProjection.GROUP)
class DirectoryProjection {
    static final String GROUP = "directory";

    private final JdbcClient jdbc;

    DirectoryProjection(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    @EventHandler
    void on(DeploymentGroupCreated event) {
        claimName(Directory.GROUP_NAME, event.project().value(), event.name(), event.group().value(),
                "group", "project " + event.project().value(), "name");
    }

    @EventHandler
    void on(DeploymentCreated event) {
        claimName(Directory.DEPLOYMENT_NAME, event.group().value(), event.name(), event.deploymentId().value(),
                "deployment", "group " + event.groupName(), "name");
    }

    /** A dropped deployment no longer holds its name. */
    @EventHandler
    void on(Dropped event) {
        jdbc.sql("DELETE FROM directory_names WHERE kind = :kind AND id = :id")
                .param("kind", Directory.DEPLOYMENT_NAME)
                .param("id", event.deploymentId().value())
                .update();
    }

    private void claimName(String kind, String parent, String name, String id, String what, String where,
                           String field) {
        try {
            jdbc.sql("INSERT INTO directory_names (kind, parent, name, id) VALUES (:kind, :parent, :name, :id)")
                    .param("kind", kind).param("parent", parent).param("name", name).param("id", id)
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new NameTakenException(what, name, where, field);
        }
    }
}

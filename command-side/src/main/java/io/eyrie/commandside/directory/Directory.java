package io.eyrie.commandside.directory;

import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads of the directory. It is written in the transactions of the events, so a read sees every committed change. */
@Component
public class Directory {
    static final String GROUP_NAME = "group";
    static final String DEPLOYMENT_NAME = "deployment";

    private final JdbcClient jdbc;

    Directory(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    /** The group that has this name in the project, if any. */
    public Optional<GroupId> group(ProjectId project, String name) {
        return jdbc.sql("SELECT id FROM directory_names WHERE kind = :kind AND parent = :parent AND name = :name")
                .param("kind", GROUP_NAME).param("parent", project.value()).param("name", name)
                .query(String.class)
                .optional()
                .map(GroupId::new);
    }
}

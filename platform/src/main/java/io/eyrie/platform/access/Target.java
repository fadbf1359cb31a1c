package io.eyrie.platform.access;

import java.util.List;

/**
 * What an endpoint acts on, and which path variables name it. Project-scoped targets resolve to a project; a caller
 * who is not a member of it gets 404, as if it did not exist.
 */
public enum Target {
    /** Nothing in particular (creating a project, listing what the caller may see). */
    NONE("", List.of()),
    PROJECT("project", List.of("slug")),
    GROUP("group", List.of("slug", "group")),
    DEPLOYMENT("deployment", List.of("id")),
    JOB("job", List.of("id")),
    /** Platform-wide: visible to every signed-in user, managed by platform admins. */
    CLUSTER("cluster", List.of("cluster")),
    REPOSITORY("repository", List.of("id")),
    IMAGE("image", List.of("id")),
    DATASOURCE("datasource", List.of("id")),
    /** A deployment's health check: its access is its deployment's. */
    MONITOR("monitor", List.of("id"));

    private final String noun;
    private final List<String> variables;

    Target(String noun, List<String> variables) {
        this.noun = noun;
        this.variables = variables;
    }

    public String noun() {
        return noun;
    }

    /** The path variables that identify it, in the order a lookup takes them. */
    public List<String> variables() {
        return variables;
    }
}

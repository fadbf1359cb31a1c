package io.eyrie.platform.access;

import io.eyrie.api.project.Role;

/**
 * The least a caller needs for an endpoint. Project roles are the caller's effective role on the target: a
 * deployment override, else a group override, else the project role. Platform admins pass every check.
 */
public enum Need {
    AUTHENTICATED(null, "any signed-in user"),
    PLATFORM_ADMIN(null, "platform admin"),
    USER(Role.USER, "user"),
    DEVELOPER(Role.DEVELOPER, "developer"),
    ADMIN(Role.ADMIN, "admin"),
    OWNER(null, "owner"),
    /** The target deployment's scope says which role may run actions (developer unless the scope says otherwise). */
    ROLE_TO_ACT(null, "the scope's roleToAct (developer by default)"),
    /** Changing a deployment: developer, and the scope's roleToAct where that is higher. */
    ROLE_TO_CHANGE(null, "developer, or the scope's roleToAct if higher"),
    /** The target is named in the body, not the path; the handler applies the rule in the endpoint's description. */
    HANDLER(null, "checked against the body");

    private final Role role;
    private final String label;

    Need(Role role, String label) {
        this.role = role;
        this.label = label;
    }

    /** The project role this need asks for, or null when it is not a plain role. */
    public Role role() {
        return role;
    }

    public String label() {
        return label;
    }
}

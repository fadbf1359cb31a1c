package io.eyrie.platform.access;

import io.eyrie.api.project.Role;

/**
 * What a caller may do on one existing target.
 *
 * @param project   the project the target belongs to, or null for a platform-wide one
 * @param role      the caller's effective role there, or null when the caller is not a member
 * @param owner     whether the caller owns the project
 * @param roleToAct for a deployment, the least role its scope lets run actions
 */
public record Access(String project, Role role, boolean owner, Role roleToAct) {

    public static Access platformWide() {
        return new Access(null, null, false, null);
    }

    /** The owner is an admin everywhere in the project; no override lowers that. */
    public Role effectiveRole() {
        return owner ? Role.ADMIN : role;
    }
}

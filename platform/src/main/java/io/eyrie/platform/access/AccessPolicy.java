package io.eyrie.platform.access;

import io.eyrie.api.project.Role;
import io.eyrie.platform.security.Caller;

import java.util.Map;
import java.util.Optional;

/** The one place that decides, from an endpoint's row and the caller's access, whether a request may proceed. */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    public sealed interface Decision {
        record Allowed() implements Decision {
        }

        record Forbidden(String detail) implements Decision {
        }

        /** Also the answer for a project the caller cannot see: 404, never 403. */
        record NotFound(String detail) implements Decision {
        }
    }

    /** Whether the endpoint needs to know the caller's access to its target before deciding. */
    public static boolean needsLookup(Endpoint endpoint) {
        return switch (endpoint.need()) {
            case AUTHENTICATED, HANDLER, PLATFORM_ADMIN -> false;
            default -> true;
        };
    }

    public static Decision decide(Endpoint endpoint, Caller caller, Map<String, String> variables,
                                  Optional<Access> found) {
        Need need = endpoint.need();
        if (need == Need.AUTHENTICATED || need == Need.HANDLER) {
            return new Decision.Allowed();
        }
        if (need == Need.PLATFORM_ADMIN) {
            return caller.platformAdmin() ? new Decision.Allowed()
                    : new Decision.Forbidden("Only platform admins may " + endpoint.summary());
        }
        if (found.isEmpty()) {
            return new Decision.NotFound(notFound(endpoint.target(), variables));
        }
        Access access = found.get();
        if (caller.platformAdmin()) {
            return new Decision.Allowed();
        }
        if (access.project() == null) {
            // Platform-wide resources are visible to everyone and changed by platform admins only.
            return need == Need.USER ? new Decision.Allowed()
                    : new Decision.Forbidden("Only platform admins may " + endpoint.summary() + " of a platform-wide "
                    + endpoint.target().noun());
        }
        Role role = access.effectiveRole();
        if (role == null) {
            return new Decision.NotFound(notFound(endpoint.target(), variables));
        }
        return switch (need) {
            case OWNER -> access.owner() ? new Decision.Allowed()
                    : new Decision.Forbidden("Only the owner of project '" + access.project() + "' may "
                    + endpoint.summary());
            case ROLE_TO_ACT -> role.atLeast(access.roleToAct()) ? new Decision.Allowed()
                    : new Decision.Forbidden("Running actions here needs the role '" + access.roleToAct().wire()
                    + "' (the scope's roleToAct); you are '" + role.wire() + "'");
            case ROLE_TO_CHANGE -> role.atLeast(highest(Role.DEVELOPER, access.roleToAct())) ? new Decision.Allowed()
                    : new Decision.Forbidden("To " + endpoint.summary() + " you need the role '"
                    + highest(Role.DEVELOPER, access.roleToAct()).wire() + "'; you are '" + role.wire() + "'");
            default -> role.atLeast(need.role()) ? new Decision.Allowed()
                    : new Decision.Forbidden("To " + endpoint.summary() + " you need the role '" + need.role().wire()
                    + "'; you are '" + role.wire() + "'");
        };
    }

    public static Role highest(Role a, Role b) {
        return a.atLeast(b) ? a : b;
    }

    public static String notFound(Target target, Map<String, String> variables) {
        return switch (target) {
            case NONE -> "Not found";
            case GROUP -> "No group '" + variables.get("group") + "' in project '" + variables.get("slug") + "'";
            default -> "No " + target.noun() + " '" + variables.get(target.variables().getFirst()) + "'";
        };
    }
}

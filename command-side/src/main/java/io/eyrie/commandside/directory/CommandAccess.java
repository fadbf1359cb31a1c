package io.eyrie.commandside.directory;

import io.eyrie.api.project.Role;
import io.eyrie.platform.access.Access;
import io.eyrie.platform.access.AccessDirectory;
import io.eyrie.platform.access.Target;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The command side's access lookups: one query per request against the directory, which the events' own
 * transactions keep current, so a member removed a moment ago is refused now.
 */
@Component
class CommandAccess implements AccessDirectory {
    private final JdbcClient jdbc;

    CommandAccess(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    @Override
    public Optional<Access> access(Target target, Map<String, String> variables, String user) {
        return switch (target) {
            case PROJECT -> jdbc.sql("""
                            SELECT p.project, p.owner, m.role AS project_role,
                                   NULL AS group_role, NULL AS deployment_role, NULL AS role_to_act
                            FROM directory_projects p
                            LEFT JOIN directory_members m ON m.project = p.project AND m.user_id = :user
                            WHERE p.project = :slug""")
                    .param("slug", variables.get("slug")).param("user", user)
                    .query((row, n) -> access(row, user)).optional();
            case GROUP -> jdbc.sql("""
                            SELECT p.project, p.owner, m.role AS project_role,
                                   og.role AS group_role, NULL AS deployment_role, NULL AS role_to_act
                            FROM directory_names n
                            JOIN directory_projects p ON p.project = n.parent
                            LEFT JOIN directory_members m ON m.project = p.project AND m.user_id = :user
                            LEFT JOIN directory_overrides og
                                   ON og.kind = 'group' AND og.id = n.id AND og.user_id = :user
                            WHERE n.kind = 'group' AND n.parent = :slug AND n.name = :group""")
                    .param("slug", variables.get("slug")).param("group", variables.get("group"))
                    .param("user", user)
                    .query((row, n) -> access(row, user)).optional();
            case DEPLOYMENT, MONITOR -> jdbc.sql("""
                            SELECT p.project, p.owner, m.role AS project_role,
                                   og.role AS group_role, od.role AS deployment_role, s.role_to_act
                            FROM directory_resources r
                            JOIN directory_projects p ON p.project = r.project
                            LEFT JOIN directory_scopes s ON s.group_id = r.group_id AND s.name = r.scope
                            LEFT JOIN directory_members m ON m.project = p.project AND m.user_id = :user
                            LEFT JOIN directory_overrides og
                                   ON og.kind = 'group' AND og.id = r.group_id AND og.user_id = :user
                            LEFT JOIN directory_overrides od
                                   ON od.kind = 'deployment' AND od.id = r.id AND od.user_id = :user
                            WHERE r.kind = 'deployment' AND r.id = """ + (target == Target.MONITOR
                            // A monitor's access is its deployment's, overrides included.
                            ? "(SELECT deployment FROM directory_monitors WHERE id = :id)" : ":id"))
                    .param("id", variables.get("id")).param("user", user)
                    .query((row, n) -> access(row, user)).optional();
            case REPOSITORY, IMAGE, DATASOURCE -> jdbc.sql("""
                            SELECT r.project, p.owner, m.role AS project_role,
                                   NULL AS group_role, NULL AS deployment_role, NULL AS role_to_act
                            FROM directory_resources r
                            LEFT JOIN directory_projects p ON p.project = r.project
                            LEFT JOIN directory_members m ON m.project = r.project AND m.user_id = :user
                            WHERE r.kind = :kind AND r.id = :id""")
                    .param("kind", target.noun()).param("id", variables.get("id")).param("user", user)
                    .query((row, n) -> row.getString("project") != null ? Optional.of(access(row, user))
                            // Only repositories and their images may be platform-wide.
                            : target == Target.DATASOURCE ? Optional.<Access>empty() : Optional.of(Access.platformWide()))
                    .optional().flatMap(found -> found);
            default -> throw new IllegalStateException("the command side has no access lookup for " + target);
        };
    }

    /** Overrides change the role of members only: a user who is no member sees nothing, override or not. */
    private static Access access(ResultSet row, String user) throws SQLException {
        Role projectRole = role(row.getString("project_role"));
        Role effective = projectRole == null ? null : first(role(row.getString("deployment_role")),
                role(row.getString("group_role")), projectRole);
        Role roleToAct = role(row.getString("role_to_act"));
        return new Access(row.getString("project"), effective, user.equals(row.getString("owner")),
                roleToAct == null ? Role.DEVELOPER : roleToAct);
    }

    private static Role first(Role... roles) {
        for (Role role : roles) {
            if (role != null) {
                return role;
            }
        }
        return null;
    }

    private static Role role(String stored) {
        return stored == null ? null : Role.valueOf(stored);
    }
}

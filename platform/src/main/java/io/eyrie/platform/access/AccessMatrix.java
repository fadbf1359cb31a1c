package io.eyrie.platform.access;

import io.eyrie.api.project.Role;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The authorization table read for each kind of caller: what every endpoint answers them before it does any work.
 * The matrix test sends every request as every persona and expects exactly this; the README shows it.
 */
public final class AccessMatrix {

    /** The callers the matrix tells apart, for a project-scoped target in project P. */
    public enum Persona {
        ANONYMOUS("anonymous", null),
        NO_ROLE("no role", null),
        USER("user", Role.USER),
        DEVELOPER("developer", Role.DEVELOPER),
        ADMIN("admin", Role.ADMIN),
        OWNER("owner", Role.ADMIN),
        PLATFORM_ADMIN("platform admin", null),
        OTHER_PROJECT("member of another project", null);

        private final String label;
        private final Role role;

        Persona(String label, Role role) {
            this.label = label;
            this.role = role;
        }

        public String label() {
            return label;
        }

        /** The persona's role in P, or null. */
        public Role role() {
            return role;
        }
    }

    /** What the caller gets before the endpoint itself runs. */
    public enum Outcome {
        UNAUTHORIZED("401"), NOT_FOUND("404"), FORBIDDEN("403"), ALLOWED("✓");

        private final String mark;

        Outcome(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    private AccessMatrix() {
    }

    /** For a deployment whose scope's roleToAct is developer, the default. */
    public static Outcome expected(Endpoint endpoint, Persona persona) {
        if (persona == Persona.ANONYMOUS) {
            return Outcome.UNAUTHORIZED;
        }
        Need need = endpoint.need();
        if (need == Need.AUTHENTICATED || need == Need.HANDLER || persona == Persona.PLATFORM_ADMIN) {
            return Outcome.ALLOWED;
        }
        if (need == Need.PLATFORM_ADMIN) {
            return Outcome.FORBIDDEN;
        }
        if (persona.role() == null) {
            return Outcome.NOT_FOUND;
        }
        boolean enough = switch (need) {
            case OWNER -> persona == Persona.OWNER;
            case ROLE_TO_ACT, ROLE_TO_CHANGE -> persona.role().atLeast(Role.DEVELOPER);
            default -> persona.role().atLeast(need.role());
        };
        return enough ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    /** The README's table: one row per endpoint of every service, one column per persona. */
    public static String markdown(List<EndpointTable> tables) {
        StringBuilder out = new StringBuilder("| service | method and path | who may | ");
        out.append(List.of(Persona.values()).stream().map(Persona::label).collect(Collectors.joining(" | ")))
                .append(" |\n|---|---|---|")
                .append("---|".repeat(Persona.values().length)).append('\n');
        for (EndpointTable table : tables) {
            for (Endpoint endpoint : table.endpoints()) {
                out.append("| ").append(table.service()).append(" | `").append(endpoint.method().name()).append(' ')
                        .append(endpoint.path()).append("` | ").append(endpoint.need().label()).append(" | ");
                for (Persona persona : Persona.values()) {
                    out.append(expected(endpoint, persona).mark()).append(" | ");
                }
                out.setLength(out.length() - 1);
                out.append('\n');
            }
        }
        return out.toString();
    }
}

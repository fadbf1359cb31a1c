package io.eyrie.platform.access;

import io.eyrie.api.project.Role;
import io.eyrie.platform.access.AccessMatrix.Outcome;
import io.eyrie.platform.access.AccessMatrix.Persona;
import io.eyrie.platform.security.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy, fed the access each persona has, decides what the matrix says: the table the README shows and the
 * HTTP matrix test expects is the policy's own behaviour, not a second copy of the rules.
 */
class AccessPolicyTest {

    static Stream<Arguments> everyNeedAndPersona() {
        return Stream.of(Need.values()).flatMap(need -> Stream.of(Persona.values())
                .filter(persona -> persona != Persona.ANONYMOUS)
                .map(persona -> Arguments.of(need, persona)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyNeedAndPersona")
    void thePolicyDecidesWhatTheMatrixSays(Need need, Persona persona) {
        Target target = switch (need) {
            case AUTHENTICATED, PLATFORM_ADMIN -> Target.NONE;
            case HANDLER -> Target.NONE;
            default -> Target.DEPLOYMENT;
        };
        Endpoint endpoint = Endpoint.post("/api/x/{id}", target, need, "do it");
        Caller caller = new Caller(persona.name().toLowerCase(), persona == Persona.PLATFORM_ADMIN);
        Optional<Access> access = Optional.of(new Access("acme", persona.role(), persona == Persona.OWNER,
                Role.DEVELOPER));

        AccessPolicy.Decision decision = AccessPolicy.decide(endpoint, caller, Map.of("id", "d"), access);

        Outcome outcome = switch (decision) {
            case AccessPolicy.Decision.Allowed allowed -> Outcome.ALLOWED;
            case AccessPolicy.Decision.Forbidden forbidden -> Outcome.FORBIDDEN;
            case AccessPolicy.Decision.NotFound notFound -> Outcome.NOT_FOUND;
        };
        assertThat(outcome).isEqualTo(AccessMatrix.expected(endpoint, persona));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectNeeds")
    void aTargetThatDoesNotExistIsNotFoundEvenForAPlatformAdmin(Need need) {
        Endpoint endpoint = Endpoint.post("/api/x/{id}", Target.DEPLOYMENT, need, "do it");
        var decision = AccessPolicy.decide(endpoint, new Caller("root", true), Map.of("id", "d"), Optional.empty());
        assertThat(decision).isEqualTo(new AccessPolicy.Decision.NotFound("No deployment 'd'"));
    }

    static Stream<Need> projectNeeds() {
        return Stream.of(Need.USER, Need.DEVELOPER, Need.ADMIN, Need.OWNER, Need.ROLE_TO_ACT, Need.ROLE_TO_CHANGE);
    }

    /** A scope may let users act, but changing a deployment always needs a developer. */
    @ParameterizedTest(name = "roleToAct {0}")
    @MethodSource("roles")
    void changesNeedADeveloperAndTheScopesRoleToActIfHigher(Role roleToAct) {
        Endpoint change = Endpoint.patch("/api/deployments/{id}", Target.DEPLOYMENT, Need.ROLE_TO_CHANGE, "change it");
        for (Role role : Role.values()) {
            var decision = AccessPolicy.decide(change, new Caller("bob", false), Map.of("id", "d"),
                    Optional.of(new Access("acme", role, false, roleToAct)));
            assertThat(decision instanceof AccessPolicy.Decision.Allowed).as(role + " with roleToAct " + roleToAct)
                    .isEqualTo(role.atLeast(Role.DEVELOPER) && role.atLeast(roleToAct));
        }
    }

    @ParameterizedTest(name = "roleToAct {0}")
    @MethodSource("roles")
    void actionsNeedTheScopesRoleToAct(Role roleToAct) {
        Endpoint act = Endpoint.post("/api/deployments/{id}/actions/{action}", Target.DEPLOYMENT, Need.ROLE_TO_ACT, "act");
        for (Role role : Role.values()) {
            var decision = AccessPolicy.decide(act, new Caller("bob", false), Map.of("id", "d"),
                    Optional.of(new Access("acme", role, false, roleToAct)));
            assertThat(decision instanceof AccessPolicy.Decision.Allowed).as(role + " with roleToAct " + roleToAct)
                    .isEqualTo(role.atLeast(roleToAct));
        }
    }

    static Stream<Need> roleNeeds() {
        return Stream.of(Need.USER, Need.DEVELOPER, Need.ADMIN, Need.OWNER);
    }

    static Stream<Role> roles() {
        return Stream.of(Role.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleNeeds")
    void platformWideTargetsAreReadByAllAndChangedByPlatformAdmins(Need need) {
        Endpoint endpoint = Endpoint.post("/api/repositories/{id}", Target.REPOSITORY, need, "change it");
        var decision = AccessPolicy.decide(endpoint, new Caller("bob", false), Map.of("id", "r"),
                Optional.of(Access.platformWide()));
        assertThat(decision instanceof AccessPolicy.Decision.Allowed).isEqualTo(need == Need.USER);
        assertThat(AccessPolicy.decide(endpoint, new Caller("root", true), Map.of("id", "r"),
                Optional.of(Access.platformWide()))).isInstanceOf(AccessPolicy.Decision.Allowed.class);
    }
}

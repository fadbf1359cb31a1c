package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.Strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Books that ship with Eyrie, one per type and action, named with {@link Books#name}: the command side seeds
 * them, and the runner's tests run each of them against a Kubernetes API double.
 */
public final class StandardBooks {
    /** The types whose Books are built in. */
    public static final List<GroupType> BUILT_IN_TYPES = List.of(GroupType.ODOO, GroupType.PGO, GroupType.PXC, GroupType.NONE);
    public static final int TIMEOUT_MULTIPLIER = 10;
    /** The types whose workload is a Deployment of Eyrie's; the database operators restart their own pods. */
    public static final List<GroupType> RESTARTABLE = List.of(GroupType.ODOO, GroupType.NONE);

    private StandardBooks() {
    }

    /** Every built-in Book by name, in a stable order. */
    public static Map<String, Definition> all() {
        Map<String, Definition> books = new LinkedHashMap<>();
        for (GroupType type : BUILT_IN_TYPES) {
            for (Action action : Action.WITH_BOOK) {
                if (action == Action.RESTART && !RESTARTABLE.contains(type)) {
                    continue;
                }
                books.put(Books.name(type, action), new Definition(type,
                        Stream.concat(common(type, action), specific(type, action)).toList()));
            }
            if (RESTARTABLE.contains(type)) {
                books.put(Books.deploy(type, Strategy.BLUE_GREEN), new Definition(type, blueGreen(type)));
                books.put(Books.deploy(type, Strategy.CANARY), new Definition(type, canary(type)));
                books.put(Books.restore(type), new Definition(type, restore(type)));
            }
        }
        return books;
    }

    public record Definition(GroupType groupType, List<BookStep> steps) {
    }

    private static Stream<BookStep> common(GroupType type, Action action) {
        String workload = type.equals(GroupType.ODOO) ? BookTemplates.ODOO : BookTemplates.WEB;
        return switch (action) {
            case INITIALIZE -> Stream.of(step("ensure namespace", StepKind.ENSURE_NAMESPACE, Map.of(), 2),
                    step("apply secrets and config", StepKind.ENSURE_SECRET, Map.of(), 2));
            case DEPLOY -> Stream.of(step("apply workload", StepKind.APPLY_MANIFEST, Map.of("template", workload), 3),
                    step("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60));
            case RESTART -> Stream.of(step("restart pods", StepKind.RESTART_WORKLOAD, Map.of(), 2),
                    step("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60));
            case PAUSE -> Stream.of(step("scale to zero", StepKind.SCALE, Map.of("replicas", "0"), 2),
                    step("wait for pods to stop", StepKind.WAIT_FOR_ROLLOUT, Map.of("replicas", "0"), 30));
            case DROP -> Stream.of(step("delete workload", StepKind.DELETE_RESOURCES, Map.of("what", "workload"), 5),
                    step("delete namespace", StepKind.DELETE_RESOURCES, Map.of("what", "namespace"), 10));
            case REDEPLOY, DEPLOY_LATEST, ROLLBACK, CANCEL ->
                    throw new IllegalArgumentException(action.wire() + " has no Book of its own");
        };
    }

    /**
     * A second workload on the idle track, ready before any traffic reaches it; then the Services switch to it at
     * once, and the old track is removed. Odoo's module update runs before the switch.
     */
    private static List<BookStep> blueGreen(GroupType type) {
        String workload = type.equals(GroupType.ODOO) ? BookTemplates.ODOO : BookTemplates.WEB;
        return Stream.of(
                Stream.of(step("apply idle track", StepKind.APPLY_MANIFEST, Map.of("template", workload, "track", "idle"), 3),
                        step("wait for idle track", StepKind.WAIT_FOR_ROLLOUT, Map.of("track", "idle"), 60)),
                specific(type, Action.DEPLOY),
                Stream.of(step("switch traffic", StepKind.SWITCH_SELECTOR, Map.of("track", "idle"), 2),
                        step("remove old track", StepKind.DELETE_RESOURCES, Map.of("what", "other-tracks"), 5)))
                .flatMap(steps -> steps).toList();
    }

    /** The canary's steps of traffic, in percent; each is checked before the next. */
    public static final List<Integer> CANARY_WEIGHTS = List.of(20, 50);

    /**
     * A few pods of the new version beside the live track, checked on their own before and at each step of traffic;
     * then promotion rolls the live track to the new version and the canary goes. A failed check fails the job, and
     * the deployment then runs {@link Books#restore}, which removes the canary. Odoo's module update runs before
     * the canary gets any traffic, as in blue-green.
     */
    private static List<BookStep> canary(GroupType type) {
        String workload = type.equals(GroupType.ODOO) ? BookTemplates.ODOO : BookTemplates.WEB;
        Map<String, String> check = Map.of("path", healthPath(type), "track", StepRules.CANARY);
        Stream<BookStep> start = Stream.of(
                step("apply canary", StepKind.APPLY_MANIFEST, Map.of("template", workload, "track", StepRules.CANARY,
                        "weight", CANARY_WEIGHTS.getFirst().toString()), 3),
                step("wait for canary", StepKind.WAIT_FOR_ROLLOUT, Map.of("track", StepRules.CANARY), 60));
        Stream<BookStep> steps = CANARY_WEIGHTS.stream().flatMap(weight -> Stream.of(
                step("check canary before " + weight + "%", StepKind.HTTP_CHECK, check, 1),
                step("send " + weight + "% of requests to canary", StepKind.SHIFT_TRAFFIC,
                        Map.of("weight", weight.toString()), 60)));
        Stream<BookStep> promote = Stream.of(
                step("check canary before promotion", StepKind.HTTP_CHECK, check, 1),
                step("promote: apply workload", StepKind.APPLY_MANIFEST, Map.of("template", workload), 3),
                step("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60),
                step("send all requests to the live track", StepKind.SWITCH_SELECTOR, Map.of("track", "live"), 2),
                step("remove canary", StepKind.DELETE_RESOURCES, Map.of("what", "other-tracks"), 5));
        return Stream.of(start, specific(type, Action.DEPLOY), steps, promote).flatMap(s -> s).toList();
    }

    /** Traffic to the live track at once, then the other tracks go, then the active release rolls out on it. */
    private static List<BookStep> restore(GroupType type) {
        String workload = type.equals(GroupType.ODOO) ? BookTemplates.ODOO : BookTemplates.WEB;
        return List.of(
                step("send all requests to the live track", StepKind.SWITCH_SELECTOR, Map.of("track", "live"), 2),
                step("remove other tracks", StepKind.DELETE_RESOURCES, Map.of("what", "other-tracks"), 5),
                step("apply workload", StepKind.APPLY_MANIFEST, Map.of("template", workload), 3),
                step("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 60));
    }

    /** Odoo answers its own health page; any other image is asked for its root. */
    private static String healthPath(GroupType type) {
        return type.equals(GroupType.ODOO) ? "/web/health" : "/";
    }

    private static Stream<BookStep> specific(GroupType type, Action action) {
        return switch (action) {
            case INITIALIZE -> type.equals(GroupType.PGO)
                    ? Stream.of(step("apply PostgresCluster", StepKind.APPLY_MANIFEST,
                    Map.of("template", BookTemplates.POSTGRES_CLUSTER), 120))
                    : type.equals(GroupType.PXC)
                    ? Stream.of(step("apply PerconaXtraDBCluster", StepKind.APPLY_MANIFEST,
                    Map.of("template", BookTemplates.XTRADB_CLUSTER), 120))
                    : Stream.empty();
            case DEPLOY -> type.equals(GroupType.ODOO)
                    ? Stream.of(step("run odoo module update", StepKind.RUN_JOB,
                    Map.of("template", BookTemplates.ODOO_MODULE_UPDATE), 120))
                    : Stream.empty();
            default -> Stream.empty();
        };
    }

    private static BookStep step(String name, StepKind kind, Map<String, String> with, long estimatedSeconds) {
        return new BookStep(name, kind, with, estimatedSeconds);
    }
}

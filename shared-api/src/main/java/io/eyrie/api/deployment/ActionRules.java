package io.eyrie.api.deployment;

import io.eyrie.api.project.Concurrency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.eyrie.api.deployment.Action.CANCEL;
import static io.eyrie.api.deployment.Action.DEPLOY;
import static io.eyrie.api.deployment.Action.DEPLOY_LATEST;
import static io.eyrie.api.deployment.Action.DROP;
import static io.eyrie.api.deployment.Action.INITIALIZE;
import static io.eyrie.api.deployment.Action.PAUSE;
import static io.eyrie.api.deployment.Action.REDEPLOY;
import static io.eyrie.api.deployment.Action.RESTART;
import static io.eyrie.api.deployment.Action.ROLLBACK;
import static io.eyrie.api.deployment.DeploymentStatus.ABORTING;
import static io.eyrie.api.deployment.DeploymentStatus.CANCELLED;
import static io.eyrie.api.deployment.DeploymentStatus.CANCELLING;
import static io.eyrie.api.deployment.DeploymentStatus.DEPLOYED;
import static io.eyrie.api.deployment.DeploymentStatus.DEPLOYING;
import static io.eyrie.api.deployment.DeploymentStatus.DEPLOYMENT_ERROR;
import static io.eyrie.api.deployment.DeploymentStatus.DROPPED;
import static io.eyrie.api.deployment.DeploymentStatus.DROPPING;
import static io.eyrie.api.deployment.DeploymentStatus.DROP_ERROR;
import static io.eyrie.api.deployment.DeploymentStatus.INITIALIZED;
import static io.eyrie.api.deployment.DeploymentStatus.INITIALIZE_ERROR;
import static io.eyrie.api.deployment.DeploymentStatus.INITIALIZING;
import static io.eyrie.api.deployment.DeploymentStatus.PAUSED;
import static io.eyrie.api.deployment.DeploymentStatus.PAUSE_ERROR;
import static io.eyrie.api.deployment.DeploymentStatus.PAUSING;
import static io.eyrie.api.deployment.DeploymentStatus.QUEUED;
import static io.eyrie.api.deployment.DeploymentStatus.READY;
import static io.eyrie.api.deployment.DeploymentStatus.RESTARTED;
import static io.eyrie.api.deployment.DeploymentStatus.RESTARTING;
import static io.eyrie.api.deployment.DeploymentStatus.RESTART_ERROR;

/**
 * Which actions a deployment allows, as one table of lifecycle × status. The command side refuses by it, every card
 * shows it, the README prints it and the aggregate's tests are generated from it. A combination the table does not
 * name allows nothing.
 * <p>
 * While the deployment is busy (a job runs, is being cancelled, or an action waits for a window) an allowed action
 * is queued, and checked against the table again when its turn comes: it may then be refused. Drop is further
 * limited to scopes that allow it.
 */
public final class ActionRules {
    private static final Set<DeploymentStatus> BUSY =
            EnumSet.of(QUEUED, INITIALIZING, DEPLOYING, RESTARTING, PAUSING, DROPPING, CANCELLING, ABORTING);
    private static final Set<Action> DEPLOYS = EnumSet.of(DEPLOY, REDEPLOY, DEPLOY_LATEST, ROLLBACK);

    private static final List<Row> ROWS = List.of(
            row(Lifecycle.DRAFT, EnumSet.of(READY, INITIALIZE_ERROR, CANCELLED, DROP_ERROR), INITIALIZE, DROP),
            row(Lifecycle.DRAFT, BUSY, CANCEL, INITIALIZE, DEPLOY, DEPLOY_LATEST, DROP),
            row(Lifecycle.INITIALIZE, EnumSet.of(INITIALIZED, INITIALIZE_ERROR, DEPLOYMENT_ERROR, CANCELLED, DROP_ERROR),
                    INITIALIZE, DEPLOY, DEPLOY_LATEST, DROP),
            row(Lifecycle.INITIALIZE, BUSY, with(DEPLOYS, CANCEL, INITIALIZE, RESTART, PAUSE, DROP)),
            row(Lifecycle.DEPLOY, EnumSet.of(DEPLOYED, RESTARTED), with(DEPLOYS, RESTART, PAUSE, DROP)),
            row(Lifecycle.DEPLOY, EnumSet.of(DEPLOYMENT_ERROR, RESTART_ERROR, PAUSE_ERROR, DROP_ERROR),
                    with(DEPLOYS, PAUSE, DROP)),
            // A cancelled deploy has put the active release back, so what runs may be restarted.
            row(Lifecycle.DEPLOY, EnumSet.of(CANCELLED), with(DEPLOYS, RESTART, PAUSE, DROP)),
            row(Lifecycle.DEPLOY, BUSY, with(DEPLOYS, CANCEL, RESTART, PAUSE, DROP)),
            row(Lifecycle.PAUSE, EnumSet.of(PAUSED, DEPLOYMENT_ERROR, CANCELLED, DROP_ERROR), with(DEPLOYS, DROP)),
            row(Lifecycle.PAUSE, BUSY, with(DEPLOYS, CANCEL, RESTART, PAUSE, DROP)),
            row(Lifecycle.DROPPED, EnumSet.of(DROPPED)));

    private static final Map<Lifecycle, Map<DeploymentStatus, List<Action>>> TABLE = compile();
    private static final List<Action> CANCEL_ONLY = List.of(CANCEL);

    private ActionRules() {
    }

    /**
     * A constant-time lookup, narrowed by the scope: no drop where it does not allow drop, and only cancel while busy
     * where it rejects rather than queues.
     */
    public static List<Action> allowed(Lifecycle lifecycle, DeploymentStatus status, boolean dropAllowed,
                                       Concurrency concurrency) {
        List<Action> allowed = TABLE.get(lifecycle).getOrDefault(status, List.of());
        if (concurrency == Concurrency.REJECT && queues(status)) {
            return allowed.contains(CANCEL) ? CANCEL_ONLY : List.of();
        }
        return dropAllowed || !allowed.contains(DROP) ? allowed
                : allowed.stream().filter(action -> action != DROP).toList();
    }

    /** Whether an action asked for in this status waits its turn rather than starting now. */
    public static boolean queues(DeploymentStatus status) {
        return BUSY.contains(status);
    }

    /** The table itself, for documentation and generated tests: every named (lifecycle, status) and its actions. */
    public static Map<Lifecycle, Map<DeploymentStatus, List<Action>>> table() {
        return TABLE;
    }

    /**
     * The table as the README shows it: per lifecycle, the statuses that allow the same actions on one line. A
     * busy status queues what it allows; a scope may still forbid drop, or refuse to queue.
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| lifecycle | status | allowed actions |\n|---|---|---|\n");
        TABLE.forEach((lifecycle, byStatus) -> {
            Map<List<Action>, List<DeploymentStatus>> grouped = new java.util.LinkedHashMap<>();
            byStatus.forEach((status, actions) -> grouped.computeIfAbsent(actions, key -> new ArrayList<>()).add(status));
            grouped.forEach((actions, statuses) -> out.append("| `").append(lifecycle.wire()).append("` | ")
                    .append(String.join(", ", statuses.stream().map(status -> "`" + status.wire() + "`").toList()))
                    .append(" | ")
                    .append(actions.isEmpty() ? "none" : String.join(", ", actions.stream()
                            .map(action -> queues(statuses.getFirst()) && action != CANCEL
                                    ? action.wire() + " (queued)" : action.wire()).toList()))
                    .append(" |\n"));
        });
        return out.toString();
    }

    private record Row(Lifecycle lifecycle, Set<DeploymentStatus> statuses, Set<Action> actions) {
    }

    private static Row row(Lifecycle lifecycle, Set<DeploymentStatus> statuses, Action... actions) {
        return row(lifecycle, statuses, actions.length == 0 ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(List.of(actions)));
    }

    private static Row row(Lifecycle lifecycle, Set<DeploymentStatus> statuses, Set<Action> actions) {
        return new Row(lifecycle, statuses, actions);
    }

    private static Set<Action> with(Set<Action> some, Action... more) {
        Set<Action> all = EnumSet.copyOf(some);
        all.addAll(List.of(more));
        return all;
    }

    private static Map<Lifecycle, Map<DeploymentStatus, List<Action>>> compile() {
        Map<Lifecycle, Map<DeploymentStatus, List<Action>>> table = new EnumMap<>(Lifecycle.class);
        for (Lifecycle lifecycle : Lifecycle.values()) {
            table.put(lifecycle, new EnumMap<>(DeploymentStatus.class));
        }
        Map<Lifecycle, Map<DeploymentStatus, List<Action>>> compiled = new EnumMap<>(Lifecycle.class);
        for (Row row : ROWS) {
            for (DeploymentStatus status : row.statuses()) {
                List<Action> previous = table.get(row.lifecycle()).put(status, List.copyOf(new ArrayList<>(row.actions())));
                if (previous != null) {
                    throw new IllegalStateException("the action table names " + row.lifecycle() + " × " + status + " twice");
                }
            }
        }
        table.forEach((lifecycle, byStatus) -> compiled.put(lifecycle, Collections.unmodifiableMap(byStatus)));
        return Collections.unmodifiableMap(compiled);
    }
}

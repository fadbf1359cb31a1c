package io.eyrie.api.deployment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which actions a deployment allows, as one table: by lifecycle phase when no job runs; only cancel while one runs;
 * and drop only where the scope allows it. The command side refuses by it and every card shows it.
 */
public final class ActionRules {
    private static final Map<Lifecycle, List<Action>> BY_LIFECYCLE = new EnumMap<>(Map.of(
            Lifecycle.DRAFT, List.of(Action.INITIALIZE, Action.DROP),
            Lifecycle.INITIALIZE, List.of(Action.DEPLOY, Action.DROP),
            Lifecycle.DEPLOY, List.of(Action.PAUSE, Action.DROP),
            Lifecycle.PAUSE, List.of(Action.DEPLOY, Action.DROP),
            Lifecycle.DROPPED, List.of()));

    private ActionRules() {
    }

    public static List<Action> allowed(Lifecycle lifecycle, boolean jobRunning, boolean dropAllowed) {
        if (jobRunning) {
            return List.of(Action.CANCEL);
        }
        return BY_LIFECYCLE.get(lifecycle).stream()
                .filter(action -> action != Action.DROP || dropAllowed)
                .toList();
    }

    /** The table itself, for documentation and generated tests. */
    public static Map<Lifecycle, List<Action>> byLifecycle() {
        return BY_LIFECYCLE;
    }
}

package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;

/** Book names: actions are dispatched by group type, so an odoo deploy runs the {@code odoo.deploy} book. */
public final class Books {
    private Books() {
    }

    public static String name(GroupType type, Action action) {
        return type.wire() + "." + action.wire();
    }

    /** The deploy Book of a strategy that needs steps of its own: {@code odoo.deploy-blue-green}. */
    public static String deploy(GroupType type, io.eyrie.api.project.Strategy strategy) {
        return name(type, Action.DEPLOY) + "-" + strategy.wire();
    }

    /**
     * After a blue-green or canary deploy is cancelled or a canary fails its check: all traffic back to the live
     * track, the other tracks removed, and the active release on the live track again ({@code odoo.restore}).
     */
    public static String restore(GroupType type) {
        return type.wire() + ".restore";
    }
}

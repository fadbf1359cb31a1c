package io.eyrie.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.eyrie.api.cluster.ClusterState.ACTIVE;
import static io.eyrie.api.cluster.ClusterState.DRAFT;
import static io.eyrie.api.cluster.ClusterState.TRANSITIONING;

/**
 * The cluster lifecycle as one table: each action, the states it may start from, and the state it leads to. A
 * cluster that deployments still use is never deleted; the aggregate checks that separately.
 */
public enum ClusterAction {
    INIT(ClusterState.INIT, DRAFT),
    ACTIVATE(ACTIVE, ClusterState.INIT, TRANSITIONING),
    TRANSITION(TRANSITIONING, ACTIVE),
    CANCEL(ClusterState.CANCEL, DRAFT, ClusterState.INIT, ACTIVE, TRANSITIONING),
    DELETE(ClusterState.DELETE, DRAFT, ClusterState.CANCEL);

    private final ClusterState target;
    private final Set<ClusterState> from;

    ClusterAction(ClusterState target, ClusterState... from) {
        this.target = target;
        this.from = EnumSet.copyOf(Arrays.asList(from));
    }

    public ClusterState target() {
        return target;
    }

    public boolean allowedFrom(ClusterState state) {
        return from.contains(state);
    }

    public static List<ClusterAction> allowedIn(ClusterState state) {
        return Arrays.stream(values()).filter(action -> action.allowedFrom(state)).toList();
    }

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static ClusterAction fromWire(String value) {
        return WireEnum.parse(ClusterAction.class, value);
    }
}

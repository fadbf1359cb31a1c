package io.eyrie.commandside.cluster;

import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterState;

import java.util.List;

/** 409: the action is not allowed in the cluster's state, or the cluster is still in use; says what is allowed. */
public class ClusterActionRefusedException extends RuntimeException {
    private final ClusterState state;
    private final List<ClusterAction> allowedActions;
    private final long deploymentsUsingIt;

    public ClusterActionRefusedException(String message, ClusterState state, long deploymentsUsingIt) {
        super(message);
        this.state = state;
        this.allowedActions = ClusterAction.allowedIn(state);
        this.deploymentsUsingIt = deploymentsUsingIt;
    }

    public ClusterState state() {
        return state;
    }

    public List<ClusterAction> allowedActions() {
        return allowedActions;
    }

    public long deploymentsUsingIt() {
        return deploymentsUsingIt;
    }
}

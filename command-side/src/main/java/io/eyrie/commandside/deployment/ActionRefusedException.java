package io.eyrie.commandside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.Lifecycle;

import java.util.List;

/** The action is not allowed in the deployment's current state; says which actions are. */
public class ActionRefusedException extends RuntimeException {
    private final Action action;
    private final Lifecycle lifecycle;
    private final String runningJobId;
    private final List<Action> allowedActions;

    public ActionRefusedException(String deploymentId, Action action, Lifecycle lifecycle, String runningJobId,
                                  List<Action> allowedActions, String reason) {
        super(message(deploymentId, action, lifecycle, runningJobId, allowedActions, reason));
        this.action = action;
        this.lifecycle = lifecycle;
        this.runningJobId = runningJobId;
        this.allowedActions = List.copyOf(allowedActions);
    }

    private static String message(String deploymentId, Action action, Lifecycle lifecycle, String runningJobId,
                                  List<Action> allowed, String reason) {
        String why = reason != null ? reason
                : runningJobId != null ? "job " + runningJobId + " is still running"
                : "the deployment is in lifecycle '" + lifecycle.wire() + "'";
        return "Action '" + action.wire() + "' is not allowed on deployment " + deploymentId + ": " + why
                + "; allowed now: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().map(Action::wire).toList()));
    }

    public Action action() {
        return action;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public String runningJobId() {
        return runningJobId;
    }

    public List<Action> allowedActions() {
        return allowedActions;
    }
}

package io.eyrie.commandside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;

import java.util.List;

/** The action is not allowed in the deployment's current state; says which actions are, and why not this one. */
public class ActionRefusedException extends RuntimeException {
    private final Action action;
    private final Lifecycle lifecycle;
    private final DeploymentStatus status;
    private final String runningJobId;
    private final List<Action> allowedActions;

    public ActionRefusedException(String deploymentId, Action action, Lifecycle lifecycle, DeploymentStatus status,
                                  String runningJobId, List<Action> allowedActions, String reason) {
        super(message(deploymentId, action, lifecycle, status, allowedActions, reason));
        this.action = action;
        this.lifecycle = lifecycle;
        this.status = status;
        this.runningJobId = runningJobId;
        this.allowedActions = List.copyOf(allowedActions);
    }

    private static String message(String deploymentId, Action action, Lifecycle lifecycle, DeploymentStatus status,
                                  List<Action> allowed, String reason) {
        String why = reason != null ? reason
                : "the deployment is in lifecycle '" + lifecycle.wire() + "' with status '" + status.wire() + "'";
        return "Action '" + action.wire() + "' is not allowed on deployment " + deploymentId + ": " + why
                + "; allowed now: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().map(Action::wire).toList()));
    }

    public Action action() {
        return action;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public DeploymentStatus status() {
        return status;
    }

    public String runningJobId() {
        return runningJobId;
    }

    public List<Action> allowedActions() {
        return allowedActions;
    }
}

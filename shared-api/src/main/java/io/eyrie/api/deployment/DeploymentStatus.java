package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the deployment's latest action is doing, independent of its lifecycle phase. */
public enum DeploymentStatus {
    /** Nothing has run yet. */
    READY,
    /** An action was accepted; its job has not started. */
    QUEUED,
    /** The action's job is running. */
    RUNNING,
    /** The latest action succeeded. */
    OK,
    /** The latest action failed; see the card's error. */
    ERROR,
    /** The latest action's job was cancelled. */
    CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}

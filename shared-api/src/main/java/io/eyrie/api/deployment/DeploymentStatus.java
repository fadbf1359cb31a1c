package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a deployment's latest action is doing, in Qovery's vocabulary, beside its lifecycle phase. The deployment
 * decides it; the card copies it from the events.
 */
public enum DeploymentStatus {
    READY, QUEUED,
    INITIALIZING, INITIALIZED, INITIALIZE_ERROR,
    DEPLOYING, DEPLOYED, DEPLOYMENT_ERROR,
    RESTARTING, RESTARTED, RESTART_ERROR,
    PAUSING, PAUSED, PAUSE_ERROR,
    CANCELLING, CANCELLED,
    /** Eyrie's, not Qovery's: a canary failed its check and is being removed; the deploy then ends in error. */
    ABORTING,
    DROPPING, DROPPED, DROP_ERROR;

    /** While an action's job runs. */
    public static DeploymentStatus running(Action action) {
        return switch (action) {
            case INITIALIZE -> INITIALIZING;
            case DEPLOY, REDEPLOY, DEPLOY_LATEST, ROLLBACK -> DEPLOYING;
            case RESTART -> RESTARTING;
            case PAUSE -> PAUSING;
            case DROP -> DROPPING;
            case CANCEL -> CANCELLING;
        };
    }

    public static DeploymentStatus succeeded(Action action) {
        return switch (action) {
            case INITIALIZE -> INITIALIZED;
            case DEPLOY, REDEPLOY, DEPLOY_LATEST, ROLLBACK -> DEPLOYED;
            case RESTART -> RESTARTED;
            case PAUSE -> PAUSED;
            case DROP -> DROPPED;
            case CANCEL -> CANCELLED;
        };
    }

    public static DeploymentStatus failed(Action action) {
        return switch (action) {
            case INITIALIZE -> INITIALIZE_ERROR;
            case DEPLOY, REDEPLOY, DEPLOY_LATEST, ROLLBACK -> DEPLOYMENT_ERROR;
            case RESTART -> RESTART_ERROR;
            case PAUSE -> PAUSE_ERROR;
            case DROP -> DROP_ERROR;
            case CANCEL -> CANCELLED;
        };
    }

    /** A job runs, is being cancelled, or an action waits: a new action is queued rather than started. */
    public boolean busy() {
        return this == QUEUED || this == INITIALIZING || this == DEPLOYING || this == RESTARTING || this == PAUSING
                || this == DROPPING || this == CANCELLING
                || this == ABORTING;
    }

    /** An error status, which a failed job leaves. */
    public boolean error() {
        return name().endsWith("_ERROR");
    }

    /**
     * A group's status from its deployments', by Qovery's environment rules, first match wins: any queued → queued;
     * any busy → deploying; any error → deployment_error; any deployed → deployed; all paused → paused; else ready.
     */
    public static DeploymentStatus aggregate(java.util.Collection<DeploymentStatus> statuses) {
        if (statuses.contains(QUEUED)) {
            return QUEUED;
        }
        if (statuses.stream().anyMatch(DeploymentStatus::busy)) {
            return DEPLOYING;
        }
        if (statuses.stream().anyMatch(DeploymentStatus::error)) {
            return DEPLOYMENT_ERROR;
        }
        if (statuses.contains(DEPLOYED) || statuses.contains(RESTARTED)) {
            return DEPLOYED;
        }
        return !statuses.isEmpty() && statuses.stream().allMatch(status -> status == PAUSED) ? PAUSED : READY;
    }

    /** The status a client names, as {@link #wire()} writes it. */
    public static DeploymentStatus fromWire(String value) {
        return java.util.Arrays.stream(values()).filter(status -> status.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status: " + value));
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

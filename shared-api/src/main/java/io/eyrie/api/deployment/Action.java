package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

import java.util.List;

/**
 * What a deployment can be asked to do. Every action but {@link #CANCEL} runs a Book job: the deploy family
 * ({@link #DEPLOY}, {@link #REDEPLOY}, {@link #DEPLOY_LATEST}, {@link #ROLLBACK}) runs the deploy Book and records a
 * release; on success the deployment moves to {@link #target()}.
 */
public enum Action {
    INITIALIZE(Lifecycle.INITIALIZE),
    DEPLOY(Lifecycle.DEPLOY),
    REDEPLOY(Lifecycle.DEPLOY),
    DEPLOY_LATEST(Lifecycle.DEPLOY),
    ROLLBACK(Lifecycle.DEPLOY),
    RESTART(Lifecycle.DEPLOY),
    PAUSE(Lifecycle.PAUSE),
    DROP(Lifecycle.DROPPED),
    CANCEL(null);

    /** The actions that have a Book of their own; the rest of the deploy family runs the deploy Book. */
    public static final List<Action> WITH_BOOK = List.of(INITIALIZE, DEPLOY, RESTART, PAUSE, DROP);
    /** The actions that record a release. */
    public static final List<Action> DEPLOY_FAMILY = List.of(DEPLOY, REDEPLOY, DEPLOY_LATEST, ROLLBACK);

    private final Lifecycle target;

    Action(Lifecycle target) {
        this.target = target;
    }

    /** Where a successful job takes the deployment; null for {@link #CANCEL}. */
    public Lifecycle target() {
        return target;
    }

    public boolean runsBook() {
        return target != null;
    }

    public boolean recordsRelease() {
        return DEPLOY_FAMILY.contains(this);
    }

    /** The action whose Book this one runs. */
    public Action bookAction() {
        return recordsRelease() ? DEPLOY : this;
    }

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Action fromWire(String value) {
        try {
            return WireEnum.parse(Action.class, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action: " + value);
        }
    }
}

package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/**
 * What a deployment can be asked to do. The lifecycle actions each run one Deployment Book and, on success, move the
 * deployment to {@link #target()}; {@link #CANCEL} ends the running job instead.
 */
public enum Action {
    INITIALIZE(Lifecycle.INITIALIZE),
    DEPLOY(Lifecycle.DEPLOY),
    PAUSE(Lifecycle.PAUSE),
    DROP(Lifecycle.DROPPED),
    CANCEL(null);

    /** The actions that run a Book. */
    public static final List<Action> LIFECYCLE = List.of(INITIALIZE, DEPLOY, PAUSE, DROP);

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

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Action fromWire(String value) {
        return Arrays.stream(values())
                .filter(action -> action.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown action: " + value));
    }
}

package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** A lifecycle action; each runs one Deployment Book and, on success, moves the deployment to {@link #target()}. */
public enum Action {
    INITIALIZE(Lifecycle.INITIALIZE),
    DEPLOY(Lifecycle.DEPLOY),
    PAUSE(Lifecycle.PAUSE),
    DROP(Lifecycle.DROPPED);

    private final Lifecycle target;

    Action(Lifecycle target) {
        this.target = target;
    }

    public Lifecycle target() {
        return target;
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

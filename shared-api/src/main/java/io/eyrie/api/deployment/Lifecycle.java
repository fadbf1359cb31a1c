package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The lifecycle phase a deployment has reached. It only moves when a Book job succeeds. */
public enum Lifecycle {
    DRAFT("draft"), INITIALIZE("initialize"), DEPLOY("deploy"), PAUSE("pause"), DROPPED("dropped");

    private final String wire;

    Lifecycle(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Lifecycle fromWire(String value) {
        return Arrays.stream(values())
                .filter(lifecycle -> lifecycle.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lifecycle: " + value));
    }
}

package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

/** How a deploy replaces what runs; carried out by the releases issue's strategies. */
public enum Strategy {
    ROLLING, RECREATE, BLUE_GREEN, CANARY;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Strategy fromWire(String value) {
        return WireEnum.parse(Strategy.class, value);
    }
}

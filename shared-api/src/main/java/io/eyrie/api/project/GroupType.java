package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What a deployment group runs; it selects the type-specific Deployment Books. */
public enum GroupType {
    ODOO, PGO, PXC, NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static GroupType fromWire(String value) {
        return Arrays.stream(values())
                .filter(type -> type.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown group type: " + value));
    }
}

package io.eyrie.api.monitor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a monitor looks at. The wire names keep the seed's underscore ({@code http_request}). */
public enum MonitorType {
    /** A request to a URL: its status, its latency, optionally its body. */
    HTTP_REQUEST("http_request"),
    /** The CPU and memory of the deployment's pods against their limits, from the metrics API. */
    RESOURCE("resource");

    private final String wire;

    MonitorType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static MonitorType fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + choices()));
    }

    public static String choices() {
        return Arrays.stream(values()).map(MonitorType::wire).collect(Collectors.joining(", "));
    }
}

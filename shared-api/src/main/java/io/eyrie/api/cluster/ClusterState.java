package io.eyrie.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

/** A cluster's lifecycle; only an active cluster takes new deployments. */
public enum ClusterState {
    DRAFT, INIT, ACTIVE, TRANSITIONING, CANCEL, DELETE;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static ClusterState fromWire(String value) {
        return WireEnum.parse(ClusterState.class, value);
    }
}

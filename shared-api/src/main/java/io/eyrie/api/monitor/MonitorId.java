package io.eyrie.api.monitor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A health check attached to a deployment. */
public record MonitorId(@JsonValue String value) implements EntityId {
    public static final String KIND = "monitor";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MonitorId {
        Ids.requireUuid(KIND, value);
    }

    public static MonitorId random() {
        return new MonitorId(Ids.randomUuid());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String toString() {
        return EntityId.of(this);
    }
}

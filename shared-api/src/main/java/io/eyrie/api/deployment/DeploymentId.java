package io.eyrie.api.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A deployment. */
public record DeploymentId(@JsonValue String value) implements EntityId {
    public static final String KIND = "deployment";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DeploymentId {
        Ids.requireUuid(KIND, value);
    }

    public static DeploymentId random() {
        return new DeploymentId(Ids.randomUuid());
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
